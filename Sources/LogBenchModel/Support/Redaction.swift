import Foundation
import Synchronization

/// Keeps database passwords out of everything LogBench prints: every error line and every error a
/// cell records passes through `redact`. Two layers: the passwords of the URLs this process was
/// given (`register`), found wherever they appear (libpq quotes fragments of a malformed URI), and
/// the shape of any URI's user info or `password=` parameter, for URLs it was never given.
public enum Redaction {
    private static let secrets = Mutex<[String]>([])

    /// Remembers the secrets of a `--database-url` / `LOGBENCH_DATABASE_URL` (URI or key=value form).
    public static func register(databaseURL url: String) {
        var found: [String] = []
        if let scheme = url.range(of: "://"), let at = url.range(of: "@", options: .backwards),
            scheme.upperBound <= at.lowerBound
        {
            let userInfo = String(url[scheme.upperBound..<at.lowerBound])
            found.append(userInfo)
            if let colon = userInfo.firstIndex(of: ":") {
                let password = String(userInfo[userInfo.index(after: colon)...])
                found.append(password)
                if let decoded = password.removingPercentEncoding { found.append(decoded) }
            }
        }
        for match in url.matches(of: passwordParameter) {
            var value = String(match.output.1)
            if value.hasPrefix("'") && value.hasSuffix("'") && value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            found.append(value)
            if let decoded = value.removingPercentEncoding { found.append(decoded) }
        }
        // Very short fragments would blank out ordinary words; the shapes below still catch them in a URL.
        let worth = found.filter { $0.count >= 3 }
        secrets.withLock { known in
            for secret in worth where !known.contains(secret) { known.append(secret) }
            known.sort { $0.count > $1.count }
        }
    }

    /// `text` with every registered secret, every URI's user info and every password parameter
    /// replaced by `***`.
    public static func redact(_ text: String) -> String {
        var out = text
        for secret in secrets.withLock({ $0 }) where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: "***")
        }
        out = out.replacing(userInfo) { match in "\(match.output.1)***@" }
        out = out.replacing(passwordParameter) { _ in "password=***" }
        return out
    }

    /// `postgresql://user:password@` (any scheme): the user info of a URI.
    nonisolated(unsafe) private static let userInfo = #/([A-Za-z][A-Za-z0-9+.\-]*://)[^@\s/"']*@/#
    /// `password=secret`, `password = 'a b'`, `?password=x&…`.
    nonisolated(unsafe) private static let passwordParameter =
        #/(?i)password\s*=\s*('(?:[^'\\]|\\.)*'|[^\s&'"]+)/#
}
