/// The block every command's help ends with: real invocations, one each, cut before a flag with a
/// shell continuation (` \`) so that no line is wider than 78 columns and the parser's help never
/// rewraps one (a test runs `--help` of every command and checks the flags an example uses).
enum HelpExamples {
    static let width = 78

    static func block(_ invocations: String...) -> String { render(invocations) }

    /// `discussion`, a blank line, then the examples.
    static func after(_ discussion: String, _ invocations: String...) -> String {
        discussion + "\n\n" + render(invocations)
    }

    static func render(_ invocations: [String]) -> String {
        "Examples:\n" + invocations.map(lines).joined(separator: "\n")
    }

    /// One invocation as lines: a flag and its value stay together.
    static func lines(_ invocation: String) -> String {
        var chunks: [String] = []
        for word in invocation.split(separator: " ").map(String.init) {
            if word.hasPrefix("-") || chunks.isEmpty || word == ">" {
                chunks.append(word)
            } else {
                chunks[chunks.count - 1] += " " + word
            }
        }
        var lines: [String] = []
        var current = "  "
        for chunk in chunks {
            if current.count > 2 && current.count + 1 + chunk.count + 2 > width {
                lines.append(current + " \\")
                current = "      " + chunk
            } else {
                current += (current.count > 2 ? " " : "") + chunk
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }
}
