import Foundation

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// Small synthetic measurement sets, so the rules can be tested on known numbers without timing anything.
enum GateFixtures {
    static let environment = EnvironmentInfo(
        machine: "x86_64", cpuModel: "Test CPU", cpuCount: 2, memoryBytes: 1 << 30, os: "Test", kernel: "6",
        swiftVersion: "6.3.1", sqliteVersion: "3.40.1", sqliteCompileOptions: [], jemallocVersion: "5.3.0",
        databaseFilesystem: "ext4", gitCommit: nil, date: "2026-01-01T00:00:00Z")

    static func cell(
        strategy: String = Names.queue, concurrency: Int = 1, latencyUs: [Double], overheadUs: [Double]? = nil,
        dataLoss: Int = 0
    ) -> CellSummary {
        let latency = latencyUs.map { $0 * 1000 }
        var metrics: [String: MetricSummary] = [
            GatedMetric.latencyP50Ns.rawValue: MetricSummary(trialValues: latency)!,
            GatedMetric.latencyMeanNs.rawValue: MetricSummary(trialValues: latency.map { $0 * 1.1 })!,
            GatedMetric.throughputPerSec.rawValue: MetricSummary(trialValues: latency.map { 1e9 / $0 })!,
        ]
        if let overheadUs {
            metrics[GatedMetric.overheadMeanNs.rawValue] = MetricSummary(trialValues: overheadUs.map { $0 * 1000 })!
        }
        return CellSummary(
            strategy: strategy, concurrency: concurrency, workload: Workload(concurrency: concurrency),
            trials: latency.count, dataLossEntries: dataLoss, metrics: metrics)
    }

    static func set(
        _ cells: [CellSummary], cpu: String = "Test CPU", calibrationNs: Double? = 10_000, source: String = "test"
    ) -> MeasurementSet {
        var environment = environment
        environment.cpuModel = cpu
        return MeasurementSet(
            source: source, environment: environment,
            calibration: calibrationNs.map { RunCalibration(singleWriteStartNs: $0, singleWriteEndNs: $0) },
            cells: cells)
    }

    static let steady: [Double] = [500, 510, 495, 505, 498, 502, 507, 493]

    /// `count` steady-looking latencies in µs (the `steady` pattern, repeated with small shifts).
    static func steady(_ count: Int, times factor: Double = 1) -> [Double] {
        (0..<count).map { steady[$0 % steady.count] * factor + Double($0 / steady.count) }
    }

    /// A result document with real cells (one per strategy × level × trial, latencies in µs per
    /// trial), its summaries computed from them, as `bench run` writes it.
    static func resultDocument(
        strategies: [String] = [Names.queue], levels: [Int] = [1], latencyUs: [Double]
    ) throws -> ResultDocument {
        let template = try Fixtures.smallMatrix().cells.first { $0.strategy == Names.queue }!
        var cells: [CellResult] = []
        for strategy in strategies {
            for level in levels {
                for (trial, us) in latencyUs.enumerated() {
                    var cell = template
                    cell.strategy = strategy
                    cell.role = .measured
                    cell.concurrency = level
                    cell.workload = Workload(concurrency: level, logsPerProducer: 20)
                    cell.trial = trial
                    cell.latencyNs = LatencySummary(
                        p50: UInt64(us * 1000), p90: UInt64(us * 1200), p99: UInt64(us * 1500),
                        p999: UInt64(us * 1600), max: UInt64(us * 2000), mean: us * 1100)
                    cell.overheadNs = OverheadSummary(p50: us * 100, mean: us * 110, budgetNs: 1e6)
                    cell.throughputPerSec = 1e6 / us
                    var audit = AuditResult()
                    audit.expected = cell.workload.expectedEntries
                    audit.stored = audit.expected
                    cell.audit = audit
                    cells.append(cell)
                }
            }
        }
        var document = ResultDocument(environment: environment, cells: cells)
        document.budgetNs = 1e6
        DerivedFigures.apply(to: &document)
        return document
    }

    /// Writes `document` (optionally edited as JSON) to `folder/name` and returns the path.
    static func write(
        _ document: ResultDocument, to folder: String, name: String, edit: ((inout [String: Any]) -> Void)? = nil
    ) throws -> String {
        let path = folder + "/" + name
        var data = try ResultCoding.encode(document)
        if let edit {
            var json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            edit(&json)
            data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        }
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The repository's root (for Scripts/).
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// Runs a script of the repository (with `interpreter`) with exactly this environment added to a
    /// minimal one.
    static func script(
        _ relativePath: String, environment: [String: String], arguments: [String] = [], interpreter: String = "bash"
    ) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [interpreter, repositoryRoot + "/" + relativePath] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        let inherited = ProcessInfo.processInfo.environment
        var env = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/root"]
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The `bench` executable built beside the test bundle (located by `BenchBinary`, the one helper).
    static var benchPath: String { BenchBinary.executable.path }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func bench(_ arguments: [String], directory: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: benchPath)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryFolder() throws -> String {
        try ScratchDirectory(parent: NSTemporaryDirectory()).path
    }
}
