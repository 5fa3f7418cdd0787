import CLogCodec
import LogBenchModel

/// simdjson (C++, behind `CLogCodec`) parses every field of every entry into a `CompactLogArray`;
/// a plain writer serializes it back. Allocates a handful of buffers per round trip, none per entry.
public final class FastLogCodec: LogCodec {
    private let handle: OpaquePointer

    public init() {
        guard let handle = logcodec_codec_create() else { fatalError("out of memory creating the JSON codec") }
        self.handle = handle
    }

    deinit { logcodec_codec_destroy(handle) }

    public var kind: CodecKind { .fast }

    public func emptyLogs() -> CompactLogArray { CompactLogArray() }

    public func decode(_ json: UnsafeRawBufferPointer) throws -> CompactLogArray {
        let logs = CompactLogArray()
        var error = logcodec_error()
        let status = logcodec_decode(
            handle, json.baseAddress?.assumingMemoryBound(to: UInt8.self), json.count, logs.storage.handle, &error)
        guard status == LOGCODEC_OK else { throw LogCodecError(error) }
        return logs
    }

    public func encode<R>(_ logs: CompactLogArray, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        var bytes: UnsafePointer<UInt8>?
        var length = 0
        let status = withExtendedLifetime(logs) { logcodec_encode(handle, logs.storage.handle, &bytes, &length) }
        guard status == LOGCODEC_OK else {
            throw LogCodecError(.outOfMemory, message: "out of memory encoding \(logs.count) entries")
        }
        return try body(UnsafeRawBufferPointer(start: bytes, count: length))
    }
}

extension LogCodecError {
    package init(_ error: logcodec_error) {
        let kind: Kind =
            switch error.status {
            case LOGCODEC_NOT_AN_ARRAY: .notAnArray
            case LOGCODEC_NOT_AN_OBJECT: .notAnObject
            case LOGCODEC_MISSING_FIELD: .missingField
            case LOGCODEC_WRONG_TYPE: .wrongType
            case LOGCODEC_BAD_LEVEL: .badLevel
            case LOGCODEC_OUT_OF_MEMORY: .outOfMemory
            default: .malformed
            }
        let message = withUnsafeBytes(of: error.message) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        self.init(kind, entry: error.entry >= 0 ? Int(error.entry) : nil, message: message)
    }
}
