import Foundation
import LogBenchModel

/// What a LogBench process can leave behind when it is killed (SIGKILL, a server that died): its
/// scratch folders (`logbench-*` in the temporary folder) and its schemas on a PostgreSQL server
/// (`logbench_*`). Each is marked at creation with its owner (host and pid); one whose owner is no
/// longer running on this host is a leftover. A schema kept on purpose (`--db`) is marked kept.
public enum Leftovers {
    public struct Item: Sendable, Equatable {
        public enum Kind: String, Sendable { case scratchFolder = "scratch folder", schema }
        public var kind: Kind
        public var name: String
        /// Why it counts as left over, or why not ("kept", "in use by pid N").
        public var status: String
        public var isLeftover: Bool
    }

    package static let ownerFile = ".logbench-owner"
    package static let keptRecord = "logbench kept"

    /// "logbench host=… pid=…", written beside each scratch folder and on each schema.
    package static func ownerRecord() -> String {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count)
        let host = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).filter {
            $0.isLetter || $0.isNumber || $0 == "-" || $0 == "."
        }
        return "logbench host=\(host) pid=\(getpid())"
    }

    /// Judges an owner record: kept, alive on this host, on another host (never touched), or gone.
    static func judge(_ record: String?) -> (status: String, isLeftover: Bool) {
        guard let record, record.hasPrefix("logbench") else { return ("no owner recorded (an older bench)", true) }
        if record == keptRecord { return ("kept (--db)", false) }
        let fields = Dictionary(
            record.split(separator: " ").compactMap { part -> (String, String)? in
                let pair = part.split(separator: "=", maxSplits: 1)
                return pair.count == 2 ? (String(pair[0]), String(pair[1])) : nil
            }, uniquingKeysWith: { a, _ in a })
        let mine = ownerRecord().split(separator: " ").first { $0.hasPrefix("host=") }.map { String($0.dropFirst(5)) }
        guard fields["host"] == mine else { return ("made on host \(fields["host"] ?? "?")", false) }
        guard let pid = fields["pid"].flatMap({ Int32($0) }) else { return ("no owner recorded", true) }
        if kill(pid, 0) == 0 || errno == EPERM { return ("in use by pid \(pid)", false) }
        return ("its bench (pid \(pid)) is gone", true)
    }

    /// The scratch folders in `temporaryDirectory`.
    public static func scratchFolders(in temporaryDirectory: String) -> [Item] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporaryDirectory)) ?? []
        return names.filter { $0.hasPrefix("logbench-") }.sorted().compactMap { name in
            let path = (temporaryDirectory.hasSuffix("/") ? temporaryDirectory : temporaryDirectory + "/") + name
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return nil }
            let record = try? String(contentsOfFile: path + "/" + ownerFile, encoding: .utf8)
            var judged = judge(record)
            // No owner recorded and touched within the hour: maybe a live calibration's; left alone.
            if record == nil && Double(time(nil) - status.st_mtim.tv_sec) < 3600 {
                judged = ("no owner recorded, changed within the hour", false)
            }
            return Item(kind: .scratchFolder, name: path, status: judged.status, isLeftover: judged.isLeftover)
        }
    }

    /// The `logbench_*` schemas on the server.
    public static func schemas(on connection: PGConnection) throws -> [Item] {
        try connection.query(
            """
            SELECT nspname, obj_description(oid, 'pg_namespace') FROM pg_namespace
            WHERE starts_with(nspname, $1) ORDER BY nspname
            """, [PGSchema.prefix]
        ).rows.compactMap { row in
            guard let name = row[0], (try? PGSchema(name: name)) != nil else { return nil }
            let judged = judge(row[1])
            return Item(kind: .schema, name: name, status: judged.status, isLeftover: judged.isLeftover)
        }
    }

    /// Removes one leftover; a schema through `connection`.
    public static func remove(_ item: Item, connection: PGConnection?) throws {
        switch item.kind {
        case .scratchFolder: try FileManager.default.removeItem(atPath: item.name)
        case .schema:
            guard let connection else { return }
            try PGSchema(name: item.name).drop(on: connection)
        }
    }
}
