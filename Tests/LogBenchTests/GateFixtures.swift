import Foundation

@testable import LogBench

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
