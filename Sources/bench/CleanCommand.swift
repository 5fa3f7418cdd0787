import ArgumentParser
import Foundation
import LogBenchModel
import LogBenchStore

/// `bench clean`: what killed runs left behind (see `Leftovers`), listed, and removed when asked.
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "List and remove what killed runs left: scratch folders and PostgreSQL schemas.",
        discussion: HelpExamples.after(
            """
            A scratch folder (logbench-* in --tmp-dir) or a schema (logbench_* on the server of \
            --database-url or LOGBENCH_DATABASE_URL) is a leftover when the bench that made it is no longer \
            running on this host. Schemas kept with --db, and anything made on another host or by a \
            running bench, are listed and never removed. Without --yes it asks on a terminal and only lists \
            otherwise. Exit codes: 0 done · 64 usage error · 69 database server unavailable · 70 a removal failed.
            """,
            "bench clean", "bench clean --yes", "bench clean --database-url postgresql:///logbench --yes"))

    @Option(help: "Folder to look in for scratch folders.")
    var tmpDir = NSTemporaryDirectory()

    @Option(help: "PostgreSQL server to look on (default: $LOGBENCH_DATABASE_URL; none: only scratch folders).")
    var databaseURL: String?

    @Flag(help: "Remove the leftovers without asking.")
    var yes = false

    func run() throws {
        var items = Leftovers.scratchFolders(in: tmpDir)
        var connection: PGConnection?
        defer { connection?.close() }
        if let url = databaseURL ?? ProcessInfo.processInfo.environment["LOGBENCH_DATABASE_URL"], !url.isEmpty {
            Redaction.register(databaseURL: url)
            do {
                connection = try PGConnection(url: url, settings: ["lock_timeout": "5s"])
            } catch let error as PGError {
                throw DatabaseUnavailable(description: error.description)
            }
            items += try Leftovers.schemas(on: connection!)
        }
        for item in items {
            print(
                "\(item.isLeftover ? "leftover" : "keep    ")  \(item.kind.rawValue)  \(Escaping.terminal(item.name))  "
                    + "(\(item.status))")
        }
        let leftovers = items.filter(\.isLeftover)
        guard !leftovers.isEmpty else {
            print("bench clean: no leftovers")
            return
        }
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                print("bench clean: \(leftovers.count) leftover(s); pass --yes to remove them")
                return
            }
            print("remove \(leftovers.count) leftover(s)? [y/N] ", terminator: "")
            guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else { return }
        }
        var failed = 0
        for item in leftovers {
            do {
                try Leftovers.remove(item, connection: connection)
                print("removed \(item.kind.rawValue) \(Escaping.terminal(item.name))")
            } catch {
                failed += 1
                FileHandle.standardError.write(
                    Data("bench: could not remove \(Escaping.terminal(item.name)): \(error)\n".utf8))
            }
        }
        if failed > 0 { throw ExitCode(ExitStatus.internalFailure.rawValue) }
    }
}
