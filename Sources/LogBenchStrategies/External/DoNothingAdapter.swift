import Foundation
import LogBenchModel

/// `bench noop-adapter`: the adapter protocol with nothing behind it. Every append is acknowledged
/// at once and nothing is stored, so a round trip through it is what the protocol itself costs
/// (two pipe hops, a request written and an answer parsed): the floor under any adapter's figures,
/// measured in every invocation that runs one (`AdapterProtocolCalibration`).
public enum DoNothingAdapter {
    public static let name = "noop"

    /// Serves stdin until EOF. Requests are scanned, not parsed: the floor should be the pipes'.
    public static func serve() {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var out: [UInt8] = []
        while true {
            let count = read(0, &chunk, chunk.count)
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR { continue }
                return
            }
            pending += chunk[0..<count]
            var start = 0
            out.removeAll(keepingCapacity: true)
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                answer(pending[start..<newline], into: &out)
                start = newline + 1
            }
            pending.removeFirst(start)
            var offset = 0
            while offset < out.count {
                let written = out[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    private static func answer(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        let id = number(after: Array("\"id\":".utf8), in: line) ?? "null"
        let text: String
        if contains(Array("\"op\":\"append\"".utf8), in: line) {
            text = "{\"id\":\(id),\"ack\":\"durable\"}"
        } else if contains(Array("\"op\":\"hello\"".utf8), in: line) {
            text =
                "{\"id\":\(id),\"protocol\":\(AdapterWire.protocolVersion),\"name\":\"\(name)\",\"version\":\"\(BuildInfo.version)\","
                + "\"engines\":[\"sqlite\",\"postgres\"],\"layouts\":[\"jsonColumn\"],\"ack\":[\"durable\"],"
                + "\"processSafe\":true,\"stores\":false}"
        } else if contains(Array("\"op\":\"close\"".utf8), in: line) {
            text = "{\"id\":\(id),\"ok\":true,\"abandoned\":0}"
        } else {
            text = "{\"id\":\(id),\"ok\":true}"
        }
        out += Array(text.utf8)
        out.append(0x0A)
    }

    private static func contains(_ needle: [UInt8], in line: ArraySlice<UInt8>) -> Bool {
        guard line.count >= needle.count else { return false }
        var index = line.startIndex
        while index <= line.endIndex - needle.count {
            if line[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    private static func number(after key: [UInt8], in line: ArraySlice<UInt8>) -> String? {
        guard line.count >= key.count else { return nil }
        var index = line.startIndex
        while index <= line.endIndex - key.count {
            if line[index..<(index + key.count)].elementsEqual(key) {
                let digits = line[(index + key.count)...].prefix { (0x30...0x39).contains($0) || $0 == 0x2D }
                return digits.isEmpty ? nil : String(decoding: digits, as: UTF8.self)
            }
            index += 1
        }
        return nil
    }
}
