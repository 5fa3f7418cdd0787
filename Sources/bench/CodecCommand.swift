import ArgumentParser
import Foundation
import LogBench

/// `bench codec`: the JSON codecs' round trip (decode, append one, encode) in memory, per array size.
struct CodecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec",
        abstract: "Time the read-modify-write's JSON round trip (decode, append one, encode) for each codec.",
        discussion: """
            No SQLite: only the codec. Times are per round trip; decode, append and encode are the medians \
            of each phase. Allocations are jemalloc's requests per round trip.
            """)

    @Option(help: "Comma-separated entry counts of the array.")
    var sizes = "100,1000,10000"

    @Option(help: "Timed round trips per size and codec. Default: 300000 / entries, at least 30.")
    var rounds: Int?

    @Option(help: "Bytes of message text per entry.")
    var messageBytes = 64

    func run() throws {
        let sizes = try MatrixCommand.parseList(sizes, flag: "--sizes") { Int($0) }
        guard sizes.allSatisfy({ (0...1_000_000).contains($0) }) else {
            throw UsageError("--sizes must be between 0 and 1000000")
        }
        if let rounds, rounds < 1 { throw UsageError("--rounds must be at least 1 (got \(rounds))") }
        guard (1...1_048_576).contains(messageBytes) else {
            throw UsageError("--message-bytes must be between 1 and 1048576 (got \(messageBytes))")
        }
        var rows: [CodecBenchmarkRow] = []
        for size in sizes {
            for codec in CodecKind.allCases {
                let rounds = self.rounds ?? max(30, 300_000 / max(size, 1))
                rows.append(
                    try CodecBenchmark.measure(codec: codec, entries: size, rounds: rounds, messageBytes: messageBytes))
            }
        }
        print(CodecBenchmark.render(rows), terminator: "")
    }
}

extension CodecKind: ExpressibleByArgument {}
