import Foundation
import LogBenchModel

/// The adapter protocol's messages (docs/adapters.md): one JSON object per line each way.
/// Requests are written by hand (an append is on the measured path, and its text is fixed);
/// answers are decoded with Foundation, and anything that is not one is a protocol error.
package enum AdapterWire {
    package static let protocolVersion = 1
    /// The longest line either side may send, newline excluded.
    package static let maxLineBytes = 1 << 20

    package static func hello(id: Int) -> [UInt8] {
        Array("{\"op\":\"hello\",\"id\":\(id),\"protocol\":\(protocolVersion)}\n".utf8)
    }

    package static func open(
        id: Int, engine: EngineKind, database: String, layout: StorageLayout, runs: [Int], ack: AckPoint,
        busyTimeoutMs: Int, busyHandler: BusyHandler, synchronous: SynchronousMode
    ) -> [UInt8] {
        var line = Array("{\"op\":\"open\",\"id\":\(id),\"engine\":\"\(engine.rawValue)\",\"database\":".utf8)
        appendString(database, to: &line)
        line += Array(",\"layout\":\"\(layout.rawValue)\",\"runs\":[".utf8)
        line += Array(runs.map(String.init).joined(separator: ",").utf8)
        line += Array(
            "],\"ack\":\"\(ack.rawValue)\",\"busyTimeoutMs\":\(busyTimeoutMs),\"busyHandler\":\"\(busyHandler.rawValue)\",\"synchronous\":\"\(synchronous.rawValue)\"}\n"
                .utf8)
        return line
    }

    package static func append(id: Int, run: Int, entry: LogEntry, into line: inout [UInt8]) {
        line.removeAll(keepingCapacity: true)
        line += Array("{\"op\":\"append\",\"id\":\(id),\"run\":\(run),\"producer\":\(entry.producer),".utf8)
        line += Array("\"seq\":\(entry.seq),\"level\":\"\(entry.level.rawValue)\",\"ts\":\(entry.ts),\"message\":".utf8)
        appendString(entry.message, to: &line)
        line += Array("}\n".utf8)
    }

    package static func close(id: Int, drainLimitMs: Int) -> [UInt8] {
        Array("{\"op\":\"close\",\"id\":\(id),\"drainLimitMs\":\(drainLimitMs)}\n".utf8)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest as UTF-8.
    package static func appendString(_ text: String, to line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): line += [0x5C, 0x22]
            case UInt8(ascii: "\\"): line += [0x5C, 0x5C]
            case 0x0A: line += [0x5C, UInt8(ascii: "n")]
            case 0x0D: line += [0x5C, UInt8(ascii: "r")]
            case 0x09: line += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                line += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: line.append(byte)
            }
        }
        line.append(UInt8(ascii: "\""))
    }

    /// The handshake's answer.
    package struct Hello: Decodable {
        package var id: Int?
        package var `protocol`: Int?
        package var name: String?
        package var version: String?
        package var engines: [String]?
        package var layouts: [String]?
        package var ack: [String]?
        package var processSafe: Bool?
        package var stores: Bool?
        package var error: String?
    }

    /// Any later answer: to `open`, `append` (ack or error, maybe phases) and `close`.
    package struct Answer: Decodable {
        package var id: Int?
        package var ack: String?
        package var error: String?
        package var ok: Bool?
        package var abandoned: Int?
        package var phases: [String: Int64]?
    }

    package static func decode<T: Decodable>(_ type: T.Type, _ line: ArraySlice<UInt8>) throws -> T {
        try JSONDecoder().decode(type, from: Data(line))
    }
}
