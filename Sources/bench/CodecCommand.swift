import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// `bench codec`: the JSON codecs' round trip (decode, append one, encode) in memory, per array size.
struct CodecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec",
        abstract: "Time the read-modify-write's JSON round trip (decode, append one, encode) for each codec.",
        discussion: HelpExamples.after(
            """
            No SQLite: only the codec. Times are per round trip; decode, append and encode are the medians \
            of each phase. Allocations are jemalloc's requests per round trip. Each size is measured with \
            both message texts: realistic (quotes, backslashes, tabs, newlines, 2- and 3-byte UTF-8, as \
            runs send by default) and plain ([A-Za-z0-9 ], the encoder's best case).
            """,
            "bench codec", "bench codec --sizes 100,1000 --message-bytes 256"))

    @Option(
        help: "Comma-separated entry counts of the array (each 0…1000000; entries × message bytes at most 256 MiB).")
    var sizes = "100,1000,10000"

    @Option(
        help:
            "Timed round trips per size and codec (1…1000000; rounds × entries at most 1e9). Default: 300000 / entries, at least 30."
    )
    var rounds: Int?

    @Option(help: "Bytes of message text per entry (1…1048576).")
    var messageBytes = 64

    func run() throws {
        let sizes = try MatrixCommand.parseList(sizes, flag: "--sizes") { Int($0) }
        guard sizes.allSatisfy({ (0...1_000_000).contains($0) }) else {
            throw UsageError("--sizes must be between 0 and 1000000")
        }
        if let rounds, !(1...1_000_000).contains(rounds) {
            throw UsageError("--rounds must be between 1 and 1000000 (got \(rounds))")
        }
        guard (1...Workload.maxMessageBytes).contains(messageBytes) else {
            throw UsageError("--message-bytes must be between 1 and \(Workload.maxMessageBytes) (got \(messageBytes))")
        }
        for size in sizes {
            guard size * messageBytes <= Workload.maxMessageBytesPerCell else {
                throw UsageError("--sizes \(size) × --message-bytes \(messageBytes) is more than 256 MiB of messages")
            }
            guard (rounds ?? 0) * max(size, 1) <= 1_000_000_000 else {
                throw UsageError("--rounds × --sizes \(size) is more than 1000000000 entries")
            }
        }
        var rows: [CodecBenchmarkRow] = []
        for size in sizes {
            for codec in CodecKind.allCases {
                for text in MessageText.allCases {
                    let rounds = self.rounds ?? max(30, 300_000 / max(size, 1))
                    rows.append(
                        try CodecBenchmark.measure(
                            codec: codec, entries: size, rounds: rounds, messageBytes: messageBytes, text: text))
                }
            }
        }
        try writeOut(CodecBenchmark.render(rows))
    }
}

extension CodecKind: ExpressibleByArgument {}
