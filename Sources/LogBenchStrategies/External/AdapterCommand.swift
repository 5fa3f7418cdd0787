import Foundation
import LogBenchModel

/// `--adapter "CMD ARGS"`: the command split into arguments as a shell would split simple words
/// (blanks separate; single quotes keep everything; double quotes keep all but `\"` and `\\`;
/// a backslash outside quotes keeps the next character), the program found on PATH, and the
/// files whose contents identify the implementation.
public struct AdapterCommand: Sendable, Equatable {
    /// The arguments as given (argument 0 as typed).
    public let arguments: [String]
    /// Argument 0 resolved: a path with a slash as is, otherwise the first match on PATH.
    public let executable: String

    /// `flag` names the option in errors (`--adapter`, `--reference-adapter`).
    public init(
        _ text: String, flag: String = "--adapter",
        searchPath: String? = ProcessInfo.processInfo.environment["PATH"]
    ) throws(UsageError) {
        try self.init(arguments: try Self.split(text, flag: flag), flag: flag, searchPath: searchPath)
    }

    public init(
        arguments: [String], flag: String = "--adapter",
        searchPath: String? = ProcessInfo.processInfo.environment["PATH"]
    ) throws(UsageError) {
        guard let program = arguments.first else { throw UsageError("\(flag) needs a command (got an empty string)") }
        self.arguments = arguments
        if program.contains("/") {
            executable = program
        } else {
            let folders = (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
            let candidates: [String] = folders.map { folder in folder + "/" + program }
            guard let found = candidates.first(where: { access($0, X_OK) == 0 }) else {
                throw UsageError("\(flag): \(program) is not on PATH")
            }
            executable = found
        }
        guard access(executable, X_OK) == 0 else {
            throw UsageError("\(flag): \(executable) is not an executable file")
        }
    }

    /// Shell-like word splitting, without expansion of any kind.
    static func split(_ text: String, flag: String = "--adapter") throws(UsageError) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                word.append(character)
                escaped = false
            } else if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    word.append(character)
                }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == "\\" {
                escaped = true
                inWord = true
            } else if character == " " || character == "\t" || character == "\n" {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        guard quote == nil, !escaped else { throw UsageError("\(flag): unterminated quote or escape in \(text)") }
        if inWord { words.append(word) }
        return words
    }

    /// The files that identify the implementation: every argument naming a regular file (the
    /// program too when it is named by a path, `./adapter`; not when found on PATH, as `python3`
    /// is: a tool, not the adapter's code), plus the files beside each that share its extension
    /// (the modules a script imports).
    public var identifyingFiles: [String] {
        var files: [String] = []
        let candidates = (arguments[0].contains("/") ? [executable] : []) + arguments.dropFirst()
        for candidate in candidates where Self.isRegularFile(candidate) && !files.contains(candidate) {
            files.append(candidate)
            let url = URL(fileURLWithPath: candidate)
            let suffix = url.pathExtension
            guard !suffix.isEmpty,
                let siblings = try? FileManager.default.contentsOfDirectory(
                    atPath: url.deletingLastPathComponent().path)
            else { continue }
            for sibling in siblings.sorted() where sibling.hasSuffix("." + suffix) {
                let path = url.deletingLastPathComponent().appendingPathComponent(sibling).path
                if Self.isRegularFile(path) && !files.contains(path) { files.append(path) }
            }
        }
        return files
    }

    /// FNV-1a 64 over each identifying file's path and contents, as 16 hex digits.
    public func filesHash() -> (hash: String, files: [String]) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        let files = identifyingFiles
        for file in files {
            mix(URL(fileURLWithPath: file).lastPathComponent.utf8)
            mix(FileManager.default.contents(atPath: file) ?? Data())
        }
        let hex = String(hash, radix: 16)
        return (String(repeating: "0", count: 16 - hex.count) + hex, files)
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
