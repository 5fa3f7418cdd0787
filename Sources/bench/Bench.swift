import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// `bench`: thin argument parsing over the LogBench library. Exit codes are documented in the README.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure and gate strategies for appending logs to SQLite or PostgreSQL, with a data-loss audit.",
        discussion: HelpExamples.after(
            """
            Exit codes: 0 all good · 2 latency regression or over budget · 3 data loss · 64 usage error · \
            65 invalid document · 66 unreadable input · 69 database server unavailable · \
            70 internal, SQLite or PostgreSQL failure · 74 an output could not be written (disk full; the \
            output is kept in a file the message names) · 129/130/143 stopped by SIGHUP/SIGINT/SIGTERM.
            """,
            "bench --strategy queue --concurrency 20", "bench help matrix",
            "bench --generate-completion-script bash > /etc/bash_completion.d/bench"),
        version: "bench \(BuildInfo.description)",
        subcommands: [
            RunCommand.self, MatrixCommand.self, ReportCommand.self, CheckCommand.self, CompareCommand.self,
            BaselineCommand.self, MergeCommand.self, WorkerCommand.self, CodecCommand.self, SaturateCommand.self,
            SeedClaimsCommand.self, CleanCommand.self, NoopAdapterCommand.self,
        ],
        defaultSubcommand: RunCommand.self)

    /// Prints errors on one line with a documented exit code, instead of the parser's usage screen.
    static func main() {
        do {
            try checkArgumentsAreUTF8()
            try checkHelpTopic(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot(joiningNegativeValues(Array(CommandLine.arguments.dropFirst())))
            try command.run()
            // Whatever went through print(): a redirection that refused it is a lost output (74).
            try ResultCoding.flushStandardOutput()
        } catch _ where CommandScope.current?.isAbandoning == true {
            // A second signal's cleanup killed what this error came from; it exits the process.
            while true { pause() }
        } catch let error as StoppedBySignal {
            FileHandle.standardError.write(Data("bench: \(error)\n".utf8))
            Foundation.exit(error.exitCode)
        } catch let error as UsageError {
            fail(error.description, .usage)
        } catch let error as OutputWriteError {
            fail(error.description, .outputFailure)
        } catch let error as BaselineError {
            fail(error.description, error.unreadable ? .unreadableInput : .invalidBaseline)
        } catch let error as MissingBaselineError {
            fail(error.description, .invalidBaseline)
        } catch let error as SQLiteError {
            fail(error.description, .internalFailure)
        } catch let error as DatabaseUnavailable {
            fail(oneLine(error.description), .unavailable)
        } catch let error as AdapterFailure {
            fail(oneLine(error.description), .internalFailure)
        } catch let error as PGError {
            fail(oneLine(error.description), .internalFailure)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            if code == .validationFailure {
                fail(oneLine(message(for: error)), .usage)
            }
            fail("\(error)", .internalFailure)
        }
    }

    /// Swift decodes arguments as UTF-8, replacing invalid bytes with U+FFFD: a path holding such
    /// bytes would name another file (and `--force` would replace that one), so it is refused.
    static func checkArgumentsAreUTF8() throws {
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(
                start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            guard String(validating: bytes, as: UTF8.self) == nil else { continue }
            throw UsageError(
                "argument \(index) (\(Escaping.terminal(String(decoding: bytes, as: UTF8.self)))) is not valid UTF-8; "
                    + "bench takes paths and values in UTF-8")
        }
    }

    /// `--concurrency -1` reads to the parser as an option without its value ("Missing value"); joined
    /// as `--concurrency=-1` it reaches the option's range check, which says what the range is.
    static func joiningNegativeValues(_ arguments: [String]) -> [String] {
        var joined: [String] = []
        var index = 0
        while index < arguments.count {
            let token = arguments[index]
            if token == "--" { return joined + arguments[index...] }
            if token.hasPrefix("--"), !token.contains("="), index + 1 < arguments.count,
                arguments[index + 1].wholeMatch(of: /-[0-9][0-9.,]*/) != nil
            {
                joined.append("\(token)=\(arguments[index + 1])")
                index += 2
            } else {
                joined.append(token)
                index += 1
            }
        }
        return joined
    }

    /// `bench help NAME …` names commands: an unknown one is a usage error (64), not the root help
    /// with exit 0 (the parser's behaviour), so a script that asks for help on a typo finds out.
    static func checkHelpTopic(_ arguments: [String]) throws {
        guard arguments.first == "help" else { return }
        var commands: [any ParsableCommand.Type] = configuration.subcommands
        var path = "bench"
        for name in arguments.dropFirst() where !name.hasPrefix("-") {
            guard let command = commands.first(where: { $0._commandName == name }) else {
                let known = commands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
                    .joined(separator: ", ")
                throw UsageError("no command \"\(name)\" under \(path) (commands: \(known))")
            }
            path += " " + name
            commands = command.configuration.subcommands
        }
    }

    /// Folds the parser's multi-line message (a list of valid values, say) into one line.
    static func oneLine(_ message: String) -> String {
        var text = ""
        var choices: [String] = []
        for line in message.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty
        {
            if line.hasPrefix("- ") {
                choices.append(String(line.dropFirst(2)))
            } else {
                text += (text.isEmpty ? "" : " ") + line
            }
        }
        return choices.isEmpty ? text : text + " " + choices.joined(separator: ", ")
    }

    static func fail(_ message: String, _ status: ExitStatus) -> Never {
        // One line, whatever a document or a worker put into the message.
        // A database password never reaches the terminal, whoever wrote the message (libpq quotes URIs).
        FileHandle.standardError.write(
            Data("bench: error: \(Escaping.terminal(Redaction.redact(message)))\n".utf8))
        Foundation.exit(status.rawValue)
    }
}
