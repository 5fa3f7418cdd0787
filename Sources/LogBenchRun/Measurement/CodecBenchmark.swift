import CJemalloc
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// One codec at one array size: the read-modify-write's round trip (decode the N-entry array, append
/// one entry, encode the N+1 entries), in memory, without SQLite.
public struct CodecBenchmarkRow: Codable, Sendable, Equatable {
    package init(
        codec: CodecKind, entries: Int, rounds: Int, jsonBytes: Int, p50Us: Double, meanUs: Double, decodeP50Us: Double,
        appendP50Us: Double, encodeP50Us: Double, allocationsPerRound: Double? = nil
    ) {
        self.codec = codec
        self.entries = entries
        self.rounds = rounds
        self.jsonBytes = jsonBytes
        self.p50Us = p50Us
        self.meanUs = meanUs
        self.decodeP50Us = decodeP50Us
        self.appendP50Us = appendP50Us
        self.encodeP50Us = encodeP50Us
        self.allocationsPerRound = allocationsPerRound
    }

    public var codec: CodecKind
    /// The message text of the entries (realistic text needs escaping and multi-byte copies).
    public var text: MessageText = .realistic
    public var entries: Int
    public var rounds: Int
    /// Size of the N-entry array as this codec writes it.
    public var jsonBytes: Int
    public var p50Us: Double
    public var meanUs: Double
    public var decodeP50Us: Double
    public var appendP50Us: Double
    public var encodeP50Us: Double
    /// Allocation requests per round trip (jemalloc's count); nil when jemalloc is not the allocator.
    public var allocationsPerRound: Double?
}

public enum CodecBenchmark {
    /// Times `rounds` round trips after a few untimed ones. Every round starts from the same bytes.
    public static func measure(
        codec: CodecKind, entries: Int, rounds: Int, messageBytes: Int = 64, text: MessageText = .realistic
    ) throws -> CodecBenchmarkRow {
        precondition(entries >= 0 && rounds > 0, "entries must not be negative and rounds must be positive")
        var row = try measure(
            codec.makeCodec(), entries: entries, rounds: rounds,
            messages: MessageGenerator(
                seed: 1, length: messageBytes, text: text))
        row.text = text
        return row
    }

    private static func measure<C: LogCodec>(
        _ codec: C, entries count: Int, rounds: Int, messages: MessageGenerator
    ) throws -> CodecBenchmarkRow {
        // Nanosecond wall-clock timestamps, as the producers write them: above 2^53.
        let baseTs: Int64 = 1_750_000_000_000_000_000
        func entry(_ index: Int) -> LogEntry {
            let producer = index % 20
            let seq = index / 20
            return LogEntry(
                producer: producer, seq: seq, level: LogLevel.forSequence(seq), ts: baseTs + Int64(index) * 1_234,
                message: messages.message(run: 1, producer: producer, seq: seq))
        }
        let json = try codec.encode(entries: (0..<count).map(entry)) { Array($0) }
        let appended = [entry(count)]

        var sink = 0
        func roundTrip() throws -> (UInt64, UInt64, UInt64, UInt64) {
            let start = MonotonicClock.now()
            var logs = try json.withUnsafeBytes { try codec.decode($0) }
            let decoded = MonotonicClock.now()
            logs.append(appended)
            let appendedAt = MonotonicClock.now()
            sink &+= try codec.encode(logs) { $0.count }
            return (start, decoded, appendedAt, MonotonicClock.now())
        }

        for _ in 0..<max(3, rounds / 10) { _ = try roundTrip() }
        var total = [Double](repeating: 0, count: rounds)
        var decode = total
        var append = total
        var encode = total
        let jemalloc = (try? MemoryProbe.verifyJemallocIsAllocator()) != nil
        let requestsBefore = jemalloc ? try flushedAllocationRequests() : 0
        for round in 0..<rounds {
            let (start, decoded, appendedAt, end) = try roundTrip()
            total[round] = Double(end - start) / 1000
            decode[round] = Double(decoded - start) / 1000
            append[round] = Double(appendedAt - decoded) / 1000
            encode[round] = Double(end - appendedAt) / 1000
        }
        let requestsAfter = jemalloc ? try flushedAllocationRequests() : 0
        precondition(sink > 0, "the encoder wrote nothing")

        return CodecBenchmarkRow(
            codec: codec.kind, entries: count, rounds: rounds, jsonBytes: json.count,
            p50Us: Descriptive.median(total) ?? 0, meanUs: total.reduce(0, +) / Double(rounds),
            decodeP50Us: Descriptive.median(decode) ?? 0, appendP50Us: Descriptive.median(append) ?? 0,
            encodeP50Us: Descriptive.median(encode) ?? 0,
            allocationsPerRound: jemalloc ? Double(requestsAfter - requestsBefore) / Double(rounds) : nil)
    }

    /// jemalloc counts small requests served by a thread's cache only when that cache flushes, which a
    /// steady alloc/free loop may never trigger: flush this thread's cache, then read the count.
    private static func flushedAllocationRequests() throws -> UInt64 {
        _ = mallctl("thread.tcache.flush", nil, nil, nil, 0)
        return try MemoryProbe.allocationRequests()
    }

    /// A fixed-width table, one line per row.
    public static func render(_ rows: [CodecBenchmarkRow]) -> String {
        func number(_ value: Double) -> String { String(format: value < 100 ? "%.1f" : "%.0f", value) }
        let header = ["codec", "text", "entries", "JSON", "p50 µs", "mean µs", "decode", "append", "encode", "allocs"]
        let lines =
            [header]
            + rows.map { row in
                [
                    row.codec.rawValue, row.text.rawValue, String(row.entries), Units.bytes(row.jsonBytes),
                    number(row.p50Us),
                    number(row.meanUs), number(row.decodeP50Us), number(row.appendP50Us), number(row.encodeP50Us),
                    row.allocationsPerRound.map(number) ?? "n/a",
                ]
            }
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { cells in
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
