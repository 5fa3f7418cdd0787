import Foundation
import PackagePlugin

/// Writes `package let buildCommit = "<sha>[-dirty]"` for the target from the package's git checkout
/// ("unknown" outside git). A build command, not a prebuild one: SwiftPM re-plans (and runs prebuild
/// commands) only when the package's shape changes, so a commit that edits files would keep the old
/// value. Its inputs are git's record of HEAD (moved by every commit, checkout and reset) and every
/// source file of the package (an edit makes the build dirty), so it runs exactly when either changes.
@main
struct BuildCommitPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildCommit.swift")
        var inputs = Self.gitState(of: package)
        for target in context.package.targets {
            if let sources = target as? SourceModuleTarget { inputs += sources.sourceFiles.map(\.url) }
        }
        let script = """
            commit=$(git -C "$1" describe --always --dirty=-dirty --abbrev=40 --exclude='*' 2>/dev/null) || commit=unknown
            printf 'package let buildCommit = "%s"\\n' "$commit" > "$2"
            """
        return [
            .buildCommand(
                displayName: "Recording the git commit of this build",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "sh", package.path, output.path],
                inputFiles: inputs, outputFiles: [output])
        ]
    }

    /// HEAD, its reflog and the index of the checkout's git directory (a worktree's `.git` is a file
    /// naming it); nothing outside git.
    static func gitState(of package: URL) -> [URL] {
        let dotGit = package.appending(path: ".git")
        var directory = dotGit
        if let link = try? String(contentsOf: dotGit, encoding: .utf8), link.hasPrefix("gitdir: ") {
            let path = link.dropFirst("gitdir: ".count).trimmingCharacters(in: .whitespacesAndNewlines)
            directory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appending(path: path)
        }
        return ["HEAD", "logs/HEAD", "index"].map { directory.appending(path: $0) }.filter {
            FileManager.default.fileExists(atPath: $0.path)
        }
    }
}
