import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// Progress on standard error: one line redrawn in place on a terminal, one plain line per step
/// otherwise (logs, CI), nothing with --quiet.
struct MatrixProgressPrinter {
    enum Mode { case quiet, terminal, lines }
    let mode: Mode

    init(quiet: Bool) {
        mode = quiet ? .quiet : (isatty(STDERR_FILENO) == 1 ? .terminal : .lines)
    }

    /// For commands whose standard error scripts read (`check`, `run`): a redrawn line on a terminal,
    /// nothing otherwise.
    static func terminalOnly() -> MatrixProgressPrinter {
        MatrixProgressPrinter(mode: isatty(STDERR_FILENO) == 1 ? .terminal : .quiet)
    }

    private init(mode: Mode) { self.mode = mode }

    func show(_ progress: PlanProgress) {
        let width = String(progress.total).count
        let index = String(progress.done).leftPadded(to: width)
        var line = "[\(index)/\(progress.total)] \(progress.label) · elapsed \(Self.clock(progress.elapsedNs))"
        if let remaining = progress.remainingNs, progress.done < progress.total {
            line += " · about \(Self.clock(remaining)) left"
        }
        switch mode {
        case .quiet: return
        case .terminal:
            // \r and erase-line redraw in place; the newline comes when the matrix ends.
            write("\r\u{1B}[K" + line + (progress.done == progress.total ? "\n" : ""))
        case .lines: write(line + "\n")
        }
    }

    /// Ends a redrawn line that an interruption left unfinished.
    func finish() {
        if mode == .terminal { write("\n") }
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    static func clock(_ ns: UInt64) -> String {
        let seconds = Int(ns / 1_000_000_000)
        return String(format: "%d:%02d", seconds / 60, seconds % 60)
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
