import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// `bench baseline save|list|show`.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline", abstract: "Save, list and show baselines (Baselines/NAME.json).",
        discussion: HelpExamples.block(
            "bench baseline save --name mine --strategy queue --concurrency 1,2 --trials 10",
            "bench baseline list", "bench baseline show mine"),
        subcommands: [Save.self, List.self, Show.self])

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the matrix (or take --from results.json) and save its summaries as a baseline.",
            discussion: HelpExamples.block(
                "bench baseline save --name mine --strategy queue --concurrency 1,2 --trials 10",
                "bench baseline save --name ci --from matrix.json --baselines-dir Baselines --force"))

        @Option(help: "Baseline name: the file is BASELINES_DIR/NAME.json.")
        var name: String

        @Option(help: "Take this result document instead of running.")
        var from: String?

        @Option(help: "Folder of baselines (created if missing).")
        var baselinesDir = BaselineStore.defaultDirectory

        @Flag(help: "Replace an existing baseline of that name.")
        var force = false

        @OptionGroup var matrix: GateCellOptions
        @OptionGroup var workload: WorkloadOptions

        func run() throws {
            let scope = CommandScope.start()
            try BaselineStore.validateName(name)
            if from != nil { try MeasuringFlags.refuse(alongside: "--from") }
            let path = "\(baselinesDir)/\(name).json"
            // Before any measuring: a folder that cannot be made is a usage error, not lost minutes.
            do {
                try FileManager.default.createDirectory(atPath: baselinesDir, withIntermediateDirectories: true)
            } catch {
                throw UsageError("--baselines-dir \(baselinesDir) cannot be created: \(error.localizedDescription)")
            }
            try ResultCoding.checkWritable(path, flag: "baseline", replace: force)
            let document: ResultDocument
            if let from {
                document = try BaselineStore.loadResult(path: from)
                let saved = MeasurementSet(source: from, result: document)
                let members = GateFamily.members(baseline: saved, current: saved)
                for blind in GateFamily.blindFamilies(members, alpha: GateRules().alpha) {
                    FileHandle.standardError.write(
                        Data(
                            "bench: warning: this baseline cannot detect a regression at equal trials: \(Escaping.terminal("\(blind)"))\n"
                                .utf8)
                    )
                }
            } else {
                var plan = try matrix.makePlan(workload)
                // A baseline is compared later with as many trials as it has: enough to reach α (0.01).
                try matrix.ensureDetectable(&plan, baseline: nil, alpha: GateRules().alpha)
                document = try PlanRunner.run(plan, scope: scope) { progress in
                    FileHandle.standardError.write(
                        Data("[\(progress.done)/\(progress.total)] \(progress.label)\n".utf8))
                }
                try CommandScope.exitIfStopped(scope)
                try AppenderFailures.exitIfAny(document)
            }
            let baseline = BaselineDocument(
                name: name, createdAt: ISO8601DateFormatter().string(from: Date()), from: document)
            let written = try BaselineStore.save(baseline, directory: baselinesDir, force: force, source: from)
            print(
                "saved \(Escaping.terminal(written)): \(baseline.cells.count) cells · "
                    + Escaping.terminal(baseline.fingerprint))
            let failing = Verdicts.failingCells(document, reading: .measurement)
            guard !failing.isEmpty else { return }
            // A document handed over records what it measured (a sweep includes the unfixed reference,
            // whose loss is its finding); a baseline measured here must not carry loss unnoticed.
            guard let from else { throw ExitCode(ExitStatus.dataLoss.rawValue) }
            // Crash trials and safety probes are not summarized, so the baseline does not hold them.
            let unkept = { (cell: CellResult) in cell.crash != nil || cell.safetyProbe == true }
            let kept = Verdicts.failingCells(document, reading: .measurement) { !unkept($0) }
            let dropped = Verdicts.failingCells(document, reading: .measurement, among: unkept)
            if !kept.isEmpty {
                let cells = Escaping.terminal(kept.joined(separator: "; "))
                FileHandle.standardError.write(Data("bench: note: the baseline records data loss in \(cells)\n".utf8))
            }
            if !dropped.isEmpty {
                let cells = Escaping.terminal(dropped.joined(separator: "; "))
                FileHandle.standardError.write(
                    Data(
                        ("bench: note: \(cells) lost data in crash trials or safety probes, which a baseline does not "
                            + "keep (bench report \(Escaping.terminal(from)) shows them)\n").utf8))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the baselines in the folder.",
            discussion: HelpExamples.block("bench baseline list", "bench baseline list --baselines-dir Baselines"))

        @Option(help: "Folder of baselines.")
        var baselinesDir = BaselineStore.defaultDirectory

        func run() throws {
            // A folder that is not there is a typo or a missing checkout, not "no baselines" (66).
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: baselinesDir, isDirectory: &isFolder), isFolder.boolValue
            else {
                throw BaselineError(file: baselinesDir, "no such folder of baselines", unreadable: true)
            }
            var text = ""
            for name in BaselineStore.list(directory: baselinesDir) {
                let path = "\(baselinesDir)/\(name).json"
                if let baseline = try? BaselineStore.loadBaseline(path: path) {
                    text +=
                        [
                            Escaping.terminal(name), Escaping.terminal(baseline.createdAt),
                            "\(baseline.cells.count) cells", Escaping.terminal(baseline.fingerprint),
                        ].joined(separator: "\t") + "\n"
                } else {
                    text +=
                        "\(Escaping.terminal(name))\t(invalid: run `bench baseline show \(Escaping.terminal(name))` for details)\n"
                }
            }
            try writeOut(text)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a baseline's cells and medians.",
            discussion: HelpExamples.block("bench baseline show mine", "bench baseline show Baselines/ci.json"))

        @Argument(help: "Baseline name or path.")
        var name: String

        @Option(help: "Folder of baselines.")
        var baselinesDir = BaselineStore.defaultDirectory

        func run() throws {
            let path = try BaselineStore.resolve(name, directory: baselinesDir)
            let baseline = try BaselineStore.loadBaseline(path: path)
            try writeOut(BaselineSummaryText.render(baseline, path: path))
        }
    }
}
