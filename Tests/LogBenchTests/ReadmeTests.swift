import Foundation
import Testing

/// The README is organised by reader: its first screen lets one run the tool and read the output, its
/// links resolve, every term of art is in the glossary, and "Linux only" names what the code uses.
@Suite struct ReadmeTests {
    static let root = GateFixtures.repositoryRoot
    static func read(_ path: String) throws -> String { try String(contentsOfFile: root + "/" + path, encoding: .utf8) }

    /// The section under `## title`, up to the next heading of level 1 or 2.
    static func section(_ title: String, in text: String) -> String? {
        guard let start = text.range(of: "\n## \(title)\n") else { return nil }
        let rest = text[start.upperBound...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? rest.range(of: "\n# ")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    /// GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to hyphens.
    static func anchor(_ heading: String) -> String {
        String(
            heading.lowercased().compactMap { character -> Character? in
                if character == " " { return "-" }
                return character.isLetter || character.isNumber || character == "-" || character == "_"
                    ? character : nil
            })
    }

    @Test func theFirstFortyLinesRunTheToolAndReadItsOutput() throws {
        let first = try Self.read("README.md").split(separator: "\n", omittingEmptySubsequences: false).prefix(40)
            .joined(separator: "\n")
        #expect(first.contains("Scripts/install-deps.sh && swift build -c release && .build/release/bench --strategy"))
        #expect(first.contains("Scripts/with-postgres.sh swift test --no-parallel"))
        for line in ["  audit ", "  throughput ", "  latency ", "  overhead ", "serial reference: "] {
            #expect(first.contains(line), "the sample output lacks \(line)")
        }
        for key in ["`audit`", "`throughput`", "`latency`", "`overhead`", "`memory`"] {
            #expect(first.contains("- \(key)") || first.contains(key + ":"), "the first screen does not explain \(key)")
        }
        #expect(first.contains("**Contents:**"))
    }

    /// `.ci/run` runs the README's test command, word for word.
    @Test func ciRunsTheReadmesTestCommand() throws {
        let command = "Scripts/with-postgres.sh swift test --no-parallel"
        #expect(try Self.read("README.md").contains("`\(command)`"))
        #expect(try Self.read(".ci/run").split(separator: "\n").contains { $0 == command })
    }

    @Test func everyInternalLinkNamesAHeading() throws {
        let readme = try Self.read("README.md")
        let headings = Set(
            readme.split(separator: "\n").filter { $0.hasPrefix("#") }.map {
                Self.anchor(String($0.drop { $0 == "#" }.dropFirst()))
            })
        let links = readme.components(separatedBy: "](#").dropFirst().map { String($0.prefix { $0 != ")" }) }
        #expect(!links.isEmpty)
        for link in links { #expect(headings.contains(link), "README links to #\(link), which is no heading") }
        for reader in [
            "first-run", "choose-a-design", "gate-your-pull-requests", "prepare-a-review", "measure-your-own-code",
            "glossary",
        ] {
            #expect(links.contains(reader), "the contents list lacks \(reader)")
        }
    }

    @Test func theGlossaryDefinesEveryTermOfArt() throws {
        let glossary = try #require(Self.section("Glossary", in: try Self.read("README.md")))
        let terms = [
            "cell", "trial", "serial reference", "overhead", "budget", "phantom", "knee", "OFD lock", "codec fast",
            "foundation", "durable", "accepted", "closed loop", "open loop", "the seed", "`--seed`", "group commit",
            "phases", "limit", "growth", "matrix", "baseline", "calibration", "cross-machine", "pending", "run",
            "producer", "durability lag", "CI, ±, n", "adapter",
        ]
        let defined = glossary.split(separator: "\n").filter { $0.hasPrefix("- **") }.joined(separator: "\n")
        for term in terms { #expect(defined.contains(term), "the glossary does not define \(term)") }
    }

    /// Every Linux-specific call of the C shims is named in "Linux only"; Package.swift claims no platform.
    @Test func linuxOnlyNamesWhatTheCodeUses() throws {
        let section = try #require(Self.section("Linux only", in: try Self.read("README.md")))
        let folder = Self.root + "/Sources/CPlatform"
        let sources = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".c") }
            .map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }.joined()
        let calls = [
            "F_OFD_SETLKW", "PR_SET_PDEATHSIG", "renameat2", "RENAME_NOREPLACE", "fallocate", "pthread_setname_np",
        ]
        for call in calls where sources.contains(call) {
            #expect(section.contains(call), "Linux only does not name \(call)")
        }
        for path in ["/proc/self/exe", "/proc/self/clear_refs", "/proc/self/mounts", "posix_spawn"] {
            #expect(section.contains(path))
        }
        #expect(!(try Self.read("Package.swift")).contains("platforms:"))
    }
}
