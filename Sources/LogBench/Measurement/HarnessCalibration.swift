/// The harness's own cost per measured log: two clock reads and one histogram record around an
/// operation that does nothing, so readers know which latency differences are below its noise.
public enum HarnessCalibration {
    public static func overheadPerLogNs(iterations: Int = 200_000) -> Double {
        var histogram = LatencyHistogram()
        let start = MonotonicClock.now()
        for _ in 0..<iterations {
            let t0 = MonotonicClock.now()
            doNothing()
            histogram.record(MonotonicClock.now() - t0)
        }
        let elapsed = MonotonicClock.now() - start
        return Double(elapsed) / Double(iterations)
    }

    @inline(never)
    static func doNothing() {}
}
