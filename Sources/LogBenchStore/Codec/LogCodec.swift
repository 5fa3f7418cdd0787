import LogBenchModel

/// A JSON codec for a run's whole log array, `[{"producer","seq","level","ts","message"}, …]`, in the
/// three phases of the read-modify-write, so they can be timed apart: `decode` (bytes → decoded
/// array, every field of every entry read and checked), `DecodedLogs.append` and `encode` (the whole
/// array → bytes). One instance per thread: codecs keep scratch buffers between calls.
public protocol LogCodec: AnyObject {
    /// The codec's decoded array.
    associatedtype Logs: DecodedLogs

    var kind: CodecKind { get }

    /// An array with no entries, to append to and encode.
    func emptyLogs() -> Logs

    /// Parses a whole JSON array of entries. Throws `LogCodecError` on anything that is not one.
    func decode(_ json: UnsafeRawBufferPointer) throws -> Logs

    /// Serializes the whole array and hands `body` the UTF-8 bytes, valid only during the call.
    func encode<R>(_ logs: Logs, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R
}

/// A decoded log array, in whatever representation its codec keeps.
public protocol DecodedLogs {
    var count: Int { get }
    /// Appends entries at the end, in order.
    mutating func append(_ entries: [LogEntry])
    /// The entries as values (allocates per entry: for checks, not for the hot path).
    func entries() -> [LogEntry]
}

/// Why a log array could not be decoded (or, rarely, encoded).
public struct LogCodecError: Error, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case notAnArray, notAnObject, missingField, wrongType, badLevel, malformed, outOfMemory
    }

    public let kind: Kind
    /// The index of the offending entry, when the error is about one.
    public let entry: Int?
    public let message: String

    public init(_ kind: Kind, entry: Int? = nil, message: String) {
        self.kind = kind
        self.entry = entry
        self.message = message
    }

    public var description: String { "cannot decode the log array: \(message)" }
}

extension LogCodec {
    /// `decode` for callers that hold `any LogCodec` (the codec is chosen at run time).
    public func decodeErased(_ json: UnsafeRawBufferPointer) throws -> any DecodedLogs { try decode(json) }

    /// `encode` for callers that hold `any LogCodec`; `logs` must come from this kind of codec.
    public func encodeErased<R>(_ logs: any DecodedLogs, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        guard let logs = logs as? Logs else {
            preconditionFailure("\(type(of: logs)) was not decoded by a \(kind) codec")
        }
        return try encode(logs, body)
    }

    /// Serializes `entries` as a whole array.
    public func encode<R>(entries: [LogEntry], _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        var logs = emptyLogs()
        logs.append(entries)
        return try encode(logs, body)
    }
}
