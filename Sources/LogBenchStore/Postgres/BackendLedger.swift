import Foundation
import LogBenchModel

/// The server backends that a cell's writers (threads or worker processes) connected through, one
/// pid per line in the cell's scratch folder, appended with O_APPEND (a short write is atomic).
package struct BackendLedger {
    package let path: String

    package init(folder: String) { path = "\(folder)/pg-backends" }

    package func record(_ pid: Int32) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PGError(
                sqlState: nil, message: "cannot open \(path): \(String(cString: strerror(errno)))",
                context: "record a backend pid")
        }
        defer { close(descriptor) }
        let line = Array("\(pid)\n".utf8)
        _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    package var pids: [Int32] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { Int32($0) }
    }
}
