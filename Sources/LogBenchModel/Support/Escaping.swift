import LogBenchStatistics

/// Strings from a document (strategy names, environment fields, errors, bases of verdicts) are
/// untrusted: each is escaped for the format it goes into, so it can neither break the format's
/// structure (a table row, an attribute, a CSV record) nor inject markup or terminal control
/// sequences. Every renderer in Reports/ goes through these.
public enum Escaping {
    /// A terminal or plain-text file: control characters (C0, DEL, C1; newlines and tabs too, which
    /// would forge lines or break columns) and the bidirectional overrides and isolates (which would
    /// reorder what a reader sees) become visible `\u{…}` escapes.
    public static func terminal(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One Markdown table cell or list item: HTML is inert (`&`, `<`, `>` as entities), a pipe cannot
    /// end the cell, a newline cannot end the row, and control characters are shown, not sent.
    public static func markdown(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
        let inert = flat.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        return terminal(inert).replacingOccurrences(of: "|", with: "\\|")
    }

    /// HTML text or a quoted attribute value, and SVG (XML): `& < > " '` as entities; characters XML
    /// 1.0 forbids (C0 controls but tab, newline and carriage return) as U+FFFD.
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value):
                out += "\u{FFFD}"
            case _ where isControl(scalar):
                // DEL, C1 and bidi controls: valid XML, but never meant to reach a reader raw.
                out += "&#x\(String(scalar.value, radix: 16, uppercase: true));"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, inner quotes doubled;
    /// text a spreadsheet would run as a formula (`= + - @` first, not a number) gets a leading `'`;
    /// other control characters (ESC, BEL, bidi overrides: CSV goes to terminals too) made visible.
    public static func csv(_ field: String) -> String {
        // Newlines and tabs are the record's own business (quoted below); every other control is shown.
        var text = ""
        for scalar in field.unicodeScalars {
            if isControl(scalar) && !["\n", "\r", "\t"].contains(scalar) {
                text += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(text) == nil {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || isBidiControl(scalar)
    }

    /// U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069: marks, embeddings, overrides, isolates.
    package static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
