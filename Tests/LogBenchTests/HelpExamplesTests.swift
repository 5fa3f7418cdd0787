import Foundation
import Testing

/// Every command's help ends with an "Examples:" block of 2–3 invocations, and each flag an example
/// uses is an option of the command it runs (so an example cannot name a flag that does not exist).
@Suite struct HelpExamplesTests {
    typealias F = GateFixtures

    /// The commands a help screen lists under SUBCOMMANDS (hidden ones are not listed).
    static func subcommands(of help: String) -> [String] {
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).prefix {
            $0.hasPrefix("  ")
        }.compactMap { line in
            let name = line.dropFirst(2).prefix { $0 != " " }
            return line.dropFirst(2).first == " " || name.isEmpty ? nil : String(name)
        }
    }

    /// Every command path, the root first: [], ["run"], …, ["baseline", "save"], ….
    static func commandPaths() throws -> [[String]] {
        var paths: [[String]] = [[]]
        var index = 0
        while index < paths.count {
            let help = try F.bench(paths[index] + ["--help"]).stdout
            paths += subcommands(of: help).map { paths[index] + [$0] }
            index += 1
        }
        return paths
    }

    /// The examples of a help screen, continuation lines joined.
    static func examples(in help: String) -> [String]? {
        guard let start = help.range(of: "\nExamples:\n") else { return nil }
        let block = String(help[start.upperBound...]).components(separatedBy: "\n\n")[0]
        var examples: [String] = []
        var continued = false
        for line in block.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            let part = text.hasSuffix(" \\") ? String(text.dropLast(2)) : text
            if continued { examples[examples.count - 1] += " " + part } else { examples.append(part) }
            continued = text.hasSuffix(" \\")
        }
        return examples
    }

    @Test func everyCommandsHelpEndsWithExamples() throws {
        let paths = try Self.commandPaths()
        // The root, run, matrix, report, check, compare, baseline (and its three), merge, codec, saturate,
        // seed-claims, clean: a command added without examples fails here.
        #expect(paths.count >= 15, "\(paths)")
        #expect(paths.contains(["baseline", "save"]) && paths.contains(["seed-claims"]))
        for path in paths {
            let help = try F.bench(path + ["--help"])
            #expect(help.status == 0)
            let examples = try #require(Self.examples(in: help.stdout), "bench \(path) --help has no Examples:")
            #expect((2...3).contains(examples.count), "bench \(path): \(examples)")
            for example in examples {
                #expect(example.hasPrefix("bench"), "\(example)")
                try Self.checkFlags(example, paths: paths)
            }
        }
    }

    /// The flags of `example` are options of the command it names (run when it names none).
    static func checkFlags(_ example: String, paths: [[String]]) throws {
        let words = example.split(separator: " ").map(String.init).dropFirst()
        var path: [String] = []
        for word in words where paths.contains(path + [word]) { path.append(word) }
        if path.isEmpty && words.first != "help" { path = ["run"] }
        let options = try F.bench(path + ["--help"]).stdout
        let builtIn = ["--generate-completion-script", "--help", "--version"]
        for flag in words where flag.hasPrefix("--") && !builtIn.contains(flag) {
            #expect(
                options.contains("  \(flag) ") || options.contains("  \(flag)\n"),
                "`\(example)` uses \(flag), which `bench \(path.joined(separator: " "))` does not have")
        }
    }
}
