import Foundation
import PackagePlugin

/// Before every build, writes `package let buildCommit = "<sha>[-dirty]"` for the target, from the
/// package's git checkout ("unknown" outside git). The file is rewritten only when the value
/// changes, so an unchanged commit recompiles nothing.
@main
struct BuildCommitPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let outputs = context.pluginWorkDirectoryURL.appending(path: "generated")
        let file = outputs.appending(path: "BuildCommit.swift")
        let script = """
            mkdir -p "$(dirname "$2")"
            commit=$(git -C "$1" describe --always --dirty=-dirty --abbrev=40 --exclude='*' 2>/dev/null) || commit=unknown
            new="package let buildCommit = \\"$commit\\""
            [ "$(cat "$2" 2>/dev/null)" = "$new" ] || printf '%s\\n' "$new" > "$2"
            """
        return [
            .prebuildCommand(
                displayName: "Recording the git commit of this build",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "sh", context.package.directoryURL.path, file.path],
                outputFilesDirectory: outputs)
        ]
    }
}
