import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel

/// A broken external adapter ends every measuring command the same way, after its document is
/// written (the audit of what reached the database is in it): each failure on stderr, exit 70.
enum AppenderFailures {
    static func exitIfAny(_ document: ResultDocument) throws {
        let failures = Verdicts.appenderFailures(document)
        guard !failures.isEmpty else { return }
        for failure in failures { FileHandle.standardError.write(Data("bench: \(failure)\n".utf8)) }
        throw ExitCode(ExitStatus.internalFailure.rawValue)
    }
}
