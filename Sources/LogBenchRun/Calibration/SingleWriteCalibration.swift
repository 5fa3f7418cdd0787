import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// A machine's speed for the work this suite measures: the latency of one uncontended INSERT
/// committed on its own, with the run's synchronous setting. Raw times from two machines are not
/// comparable; times divided by this are, roughly (the gate uses a wider tolerance for them).
/// It uses only the SQLite layer, never a strategy, so a pull request cannot move it by changing one.
public enum SingleWriteCalibration {
    /// Median latency in ns of `writes` single-row autocommit inserts into a fresh database.
    public static func measure(
        temporaryDirectory: String, synchronous: SynchronousMode, writes: Int = 200
    ) throws -> Double {
        let scratch = try ScratchDirectory(parent: temporaryDirectory)
        defer { scratch.remove() }
        let connection = try Connection(
            path: "\(scratch.path)/calibration.db", create: true,
            settings: ConnectionSettings(synchronous: synchronous, busyTimeoutMs: 1000))
        try connection.execute("CREATE TABLE calibration (id INTEGER PRIMARY KEY, message TEXT NOT NULL)")
        let insert = try Statement(connection: connection, sql: "INSERT INTO calibration (message) VALUES (?)")
        var samples: [Double] = []
        samples.reserveCapacity(writes)
        for index in 0..<(writes + 20) {
            insert.bind("calibration message \(index) with some text to store", at: 1)
            let start = MonotonicClock.now()
            try insert.run()
            let elapsed = MonotonicClock.now() - start
            insert.reset()
            if index >= 20 { samples.append(Double(elapsed)) }  // the first writes warm the cache up
        }
        return Descriptive.median(samples) ?? 0
    }
}
