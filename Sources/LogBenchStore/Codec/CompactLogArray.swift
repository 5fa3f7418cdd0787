import CLogCodec
import LogBenchModel

/// The fast codec's decoded array: flat records (producer, seq, level code, ts as an exact Int64,
/// message offset and length) plus one buffer holding every unescaped message. No value per entry.
/// Copy-on-write: copies share the C storage until one of them appends.
public struct CompactLogArray: DecodedLogs {
    package final class Storage {
        package let handle: OpaquePointer

        package init() {
            guard let handle = logcodec_logs_create() else { fatalError("out of memory creating a log array") }
            self.handle = handle
        }

        package init(copying other: Storage) {
            guard let handle = logcodec_logs_copy(other.handle) else { fatalError("out of memory copying a log array") }
            self.handle = handle
        }

        deinit { logcodec_logs_destroy(handle) }
    }

    private(set) var storage = Storage()

    public init() {}

    public var count: Int { logcodec_logs_count(storage.handle) }

    public mutating func append(_ entries: [LogEntry]) {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
        let handle = storage.handle
        let messageBytes = entries.reduce(0) { $0 + $1.message.utf8.count }
        guard logcodec_logs_reserve(handle, entries.count, messageBytes) == 0 else {
            fatalError("out of memory appending \(entries.count) log entries")
        }
        for entry in entries {
            var message = entry.message
            let status = message.withUTF8 { bytes in
                logcodec_logs_append(
                    handle, Int64(entry.producer), Int64(entry.seq), Self.code(entry.level), entry.ts,
                    bytes.baseAddress,
                    bytes.count)
            }
            guard status == 0 else { fatalError("out of memory appending a log entry") }
        }
    }

    public func entries() -> [LogEntry] {
        withRecords { records, messages in
            records.map { record in
                let start = Int(record.message_offset)
                let message = String(
                    decoding: UnsafeRawBufferPointer(rebasing: messages[start..<start + Int(record.message_length)]),
                    as: UTF8.self)
                return LogEntry(
                    producer: Int(record.producer), seq: Int(record.seq), level: Self.level(record.level),
                    ts: record.ts,
                    message: message)
            }
        }
    }

    /// The records and the message bytes they index, without copying; valid only during `body`.
    package func withRecords<R>(_ body: (UnsafeBufferPointer<logcodec_record>, UnsafeRawBufferPointer) throws -> R)
        rethrows
        -> R
    {
        let handle = storage.handle
        let records = UnsafeBufferPointer(start: logcodec_logs_records(handle), count: logcodec_logs_count(handle))
        let messages = UnsafeRawBufferPointer(
            start: logcodec_logs_messages(handle), count: logcodec_logs_message_bytes(handle))
        return try withExtendedLifetime(storage) { try body(records, messages) }
    }

    /// The C side's level codes, in `LogLevel`'s order.
    private static func code(_ level: LogLevel) -> Int32 {
        switch level {
        case .info: 0
        case .warn: 1
        case .error: 2
        }
    }

    private static func level(_ code: UInt8) -> LogLevel {
        switch code {
        case 0: .info
        case 1: .warn
        default: .error
        }
    }
}
