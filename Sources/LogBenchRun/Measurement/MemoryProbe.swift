import CJemalloc
import CPlatform
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Reads jemalloc's statistics and the kernel's RSS high-water mark.
public enum MemoryProbe {
    /// Fails unless `malloc` in this process is jemalloc's: if libc's malloc came first in the link
    /// order, mallctl would still answer, but only about jemalloc's own few allocations.
    public static func verifyJemallocIsAllocator() throws {
        // Which library the process-wide `malloc` symbol resolves to (the optimizer cannot elide this,
        // unlike a test allocation that is never used).
        guard let file = logbench_library_providing("malloc") else {
            throw MemoryProbeError("cannot tell which library provides malloc")
        }
        let library = String(cString: file)
        guard library.contains("jemalloc") else {
            throw MemoryProbeError(
                "malloc comes from \(library), not jemalloc: link libjemalloc ahead of libc, "
                    + "or run with LD_PRELOAD=libjemalloc.so.2")
        }
    }

    /// Bytes currently allocated by the application (refreshes the stats epoch first).
    public static func allocatedBytes() throws -> Int {
        try refresh()
        return Int(try read("stats.allocated", as: Int.self))
    }

    /// Allocation requests served so far, small and large, all threads (tcache included).
    public static func allocationRequests() throws -> UInt64 {
        try refresh()
        return try read("stats.arenas.4096.small.nrequests", as: UInt64.self)
            + read("stats.arenas.4096.large.nrequests", as: UInt64.self)
    }

    public static func jemallocVersion() -> String {
        (try? read("version", as: UnsafePointer<CChar>.self)).map { String(cString: $0) } ?? "unknown"
    }

    /// Resets the kernel's peak-RSS mark (VmHWM) for this process.
    public static func resetPeakRSS() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// VmHWM: the largest resident set since the last reset, in bytes.
    public static func peakRSSBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, let kib = Int(fields[1]) { return kib * 1024 }
        }
        return nil
    }

    private static func refresh() throws {
        var epoch: UInt64 = 1
        guard mallctl("epoch", nil, nil, &epoch, MemoryLayout<UInt64>.size) == 0 else {
            throw MemoryProbeError("mallctl epoch failed")
        }
    }

    private static func read<T>(_ name: String, as: T.Type) throws -> T {
        let value = UnsafeMutablePointer<T>.allocate(capacity: 1)
        defer { value.deallocate() }
        var size = MemoryLayout<T>.size
        let rc = mallctl(name, value, &size, nil, 0)
        guard rc == 0 else { throw MemoryProbeError("mallctl \(name) failed: \(String(cString: strerror(rc)))") }
        return value.pointee
    }
}

public struct MemoryProbeError: Error, CustomStringConvertible {
    public let description: String
    package init(_ description: String) { self.description = description }
}

/// Samples jemalloc's allocated bytes on its own thread every `intervalNs` and keeps the peak.
/// A sample refreshes jemalloc's statistics epoch, which merges every arena's counters (tens of
/// microseconds here); the interval stretches so that sampling never takes more than 2 % of a core,
/// since on two cores a sampler busy 5 % of the time slowed group commit by as much.
package final class AllocationSampler: @unchecked Sendable {
    private var peak = 0
    private var sampler: PeriodicSampler?

    package init(intervalNs: UInt64 = 1_000_000) {
        peak = (try? MemoryProbe.allocatedBytes()) ?? 0
        sampler = PeriodicSampler(name: "alloc-sampler") { [self] in
            let start = MonotonicClock.now()
            peak = max(peak, (try? MemoryProbe.allocatedBytes()) ?? 0)
            return max(intervalNs, (MonotonicClock.now() &- start) &* 50)
        }
    }

    /// Stops sampling (after one last sample) and returns the peak seen.
    package func stop() -> Int {
        sampler?.stop()
        sampler = nil
        return peak
    }
}

/// The memory figures of one in-process measured phase: reset and started by `start()`, read by
/// `stop()`. The peak allocated bytes is a sample taken every millisecond or so (`AllocationSampler`); it never reads below
/// its start value because the start value is its first sample.
package final class MemoryRecorder {
    package struct Result {
        package init(
            peakRssBytes: Int? = nil, peakAllocatedBytes: Int, allocatedAtStartBytes: Int, allocationRequests: UInt64
        ) {
            self.peakRssBytes = peakRssBytes
            self.peakAllocatedBytes = peakAllocatedBytes
            self.allocatedAtStartBytes = allocatedAtStartBytes
            self.allocationRequests = allocationRequests
        }

        package var peakRssBytes: Int?
        package var peakAllocatedBytes: Int
        package var allocatedAtStartBytes: Int
        package var allocationRequests: UInt64
    }

    private let requestsBefore: UInt64
    private let allocatedAtStart: Int
    private var sampler: AllocationSampler?
    private(set) var result: Result?

    private init(requestsBefore: UInt64, allocatedAtStart: Int, sampler: AllocationSampler) {
        self.requestsBefore = requestsBefore
        self.allocatedAtStart = allocatedAtStart
        self.sampler = sampler
    }

    package static func start() throws -> MemoryRecorder {
        MemoryProbe.resetPeakRSS()
        let requests = try MemoryProbe.allocationRequests()
        let allocated = try MemoryProbe.allocatedBytes()
        return MemoryRecorder(requestsBefore: requests, allocatedAtStart: allocated, sampler: AllocationSampler())
    }

    package func stop() {
        guard let sampler else { return }
        self.sampler = nil
        let peak = sampler.stop()
        let requestsAfter = (try? MemoryProbe.allocationRequests()) ?? requestsBefore
        result = Result(
            peakRssBytes: MemoryProbe.peakRSSBytes(), peakAllocatedBytes: max(peak, allocatedAtStart),
            allocatedAtStartBytes: allocatedAtStart, allocationRequests: requestsAfter &- requestsBefore)
    }
}
