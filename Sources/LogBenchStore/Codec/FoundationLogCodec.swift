import Foundation
import LogBenchModel

/// Today's Codable path: `[LogEntry]` through `JSONDecoder`/`JSONEncoder`.
public final class FoundationLogCodec: LogCodec {
    private let decoder = JSONDecoder()
    private let encoder = JSONEncoder()

    public init() {}

    public var kind: CodecKind { .foundation }

    public func emptyLogs() -> [LogEntry] { [] }

    public func decode(_ json: UnsafeRawBufferPointer) throws -> [LogEntry] {
        do {
            return try decoder.decode([LogEntry].self, from: Data(json))
        } catch let error as DecodingError {
            throw LogCodecError(error)
        }
    }

    public func encode<R>(_ logs: [LogEntry], _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        try encoder.encode(logs).withUnsafeBytes(body)
    }
}

extension Array: DecodedLogs where Element == LogEntry {
    public mutating func append(_ entries: [LogEntry]) { append(contentsOf: entries) }
    public func entries() -> [LogEntry] { self }
}

extension LogCodecError {
    /// The same kinds the fast codec reports, read from where in the array Codable failed.
    package init(_ error: DecodingError) {
        func describe(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return (path.isEmpty ? "" : "at \(path.joined(separator: ".")): ") + context.debugDescription
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let kinds: [Kind] = [.notAnArray, .notAnObject]
            let depth = context.codingPath.count
            self.init(
                depth < kinds.count ? kinds[depth] : .wrongType, entry: context.codingPath.first?.intValue,
                message: describe(context))
        case .keyNotFound(let key, let context):
            self.init(
                .missingField, entry: context.codingPath.first?.intValue,
                message: "\(describe(context)) (missing field \"\(key.stringValue)\")")
        case .dataCorrupted(let context):
            let kind: Kind = context.codingPath.last?.stringValue == "level" ? .badLevel : .malformed
            self.init(kind, entry: context.codingPath.first?.intValue, message: describe(context))
        @unknown default:
            self.init(.malformed, message: "\(error)")
        }
    }
}
