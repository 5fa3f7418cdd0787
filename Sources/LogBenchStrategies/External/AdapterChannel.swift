import Foundation
import LogBenchModel
import LogBenchStore
import Synchronization

/// The protocol over one adapter process: requests written by any producer thread, answers read
/// by one reader thread and handed to whoever waits for them, matched by id. Any breach (a line that
/// is not an answer, one over 1 MiB, an answer to an unknown or already answered id, no answer
/// within the timeout, the adapter gone) breaks the channel: every waiting call fails at once with
/// one message naming the breach and the adapter's last stderr lines, later calls fail immediately,
/// and the strategy reports it (`failure()`), so the command exits 70 after the audit.
package final class AdapterChannel: @unchecked Sendable {
    /// One request awaiting its first answer. A producer reuses its own between calls.
    package final class Call: @unchecked Sendable {
        fileprivate let done = DispatchSemaphore(value: 0)
        fileprivate var answer: AdapterWire.Answer?
        fileprivate var broken: String?
        fileprivate var sentNs: UInt64 = 0
        /// `--ack accepted`: told when the entry is durable, after the call returned.
        fileprivate var observer: (any DurabilityObserver)?
        fileprivate var seq = 0
        package init() {}
    }

    private struct State {
        var pending: [Int: Call] = [:]
        /// Accepted, durable not yet heard: whom to tell, and about which seq.
        var accepted: [Int: (observer: any DurabilityObserver, seq: Int)] = [:]
        var nextID = 0
        var broken: String?
        var closing = false
        /// After `close` is sent: its answer is due by then (the drain limit plus the timeout).
        var closeDeadlineNs = UInt64.max
    }

    package let process: AdapterProcess
    package let name: String
    private let timeoutNs: UInt64
    private let state = Mutex(State())
    private let writing = Mutex(())
    private var reader: OSThread?

    package init(process: AdapterProcess, name: String, timeoutNs: UInt64) {
        self.process = process
        self.name = name
        self.timeoutNs = timeoutNs
        reader = OSThread(name: "adapter-reader") { [self] in readAnswers() }
    }

    /// The breach that broke the channel, if one did.
    package var failure: String? { state.withLock { $0.broken } }
    /// Entries accepted whose durable answer has not come.
    package var acceptedCount: Int { state.withLock { $0.accepted.count } }

    /// Sends `line` (built for `id` by `make`) and waits for its first answer.
    package func call(
        _ call: Call, observer: (any DurabilityObserver)? = nil, seq: Int = 0,
        make: (Int) -> [UInt8]
    ) throws -> AdapterWire.Answer {
        try roundTrip(call, observer: observer, seq: seq) { id in try send(make(id)) }
    }

    /// An append on the measured path: the line buffer is the producer's, reused.
    package func append(
        _ entry: LogEntry, run: Int, call: Call, line: inout [UInt8],
        observer: (any DurabilityObserver)? = nil
    ) throws -> AdapterWire.Answer {
        try roundTrip(call, observer: observer, seq: entry.seq) { id in
            AdapterWire.append(id: id, run: run, entry: entry, into: &line)
            try send(line)
        }
    }

    /// The one way a request goes out: an id, the line written, its first answer awaited.
    private func roundTrip(
        _ call: Call, observer: (any DurabilityObserver)?, seq: Int, write: (Int) throws -> Void
    ) throws -> AdapterWire.Answer {
        let id = try register(call, observer: observer, seq: seq)
        try write(id)
        call.done.wait()
        if let broken = call.broken { throw AdapterFailure(broken) }
        return call.answer!
    }

    private func register(_ call: Call, observer: (any DurabilityObserver)?, seq: Int) throws -> Int {
        call.answer = nil
        call.broken = nil
        call.observer = observer
        call.seq = seq
        call.sentNs = MonotonicClock.now()
        return try state.withLock { state in
            if let broken = state.broken { throw AdapterFailure(broken) }
            let id = state.nextID
            state.nextID += 1
            state.pending[id] = call
            return id
        }
    }

    /// Writes one whole line; a child that stops reading for longer than the timeout breaks the channel.
    private func send(_ line: [UInt8]) throws {
        try writing.withLock { _ in
            var offset = 0
            let deadline = MonotonicClock.now() + timeoutNs
            while offset < line.count {
                let written = line[offset...].withUnsafeBytes { write(process.input, $0.baseAddress, $0.count) }
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EAGAIN && MonotonicClock.now() < deadline {
                    var descriptor = pollfd(fd: process.input, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&descriptor, 1, 10)
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    // EPIPE: the child closed its input, most often by exiting (then say how it ended).
                    let why =
                        errno == EAGAIN
                        ? "stopped reading its input" : process.endingAfterBrokenPipe(otherwise: "closed its input")
                    breakChannel(why)
                    throw AdapterFailure(failure ?? why)
                }
            }
        }
    }

    /// Tells the adapter to write what it holds and waits (up to the drain limit and the timeout);
    /// returns how many accepted entries it says it abandoned. Then closes its input.
    package func close(drainLimitNs: UInt64) -> Int? {
        defer { process.closeInput() }
        guard failure == nil else { return nil }
        let call = Call()
        let limitMs = Int(min(drainLimitNs / 1_000_000, UInt64(Int32.max)))
        let deadline = MonotonicClock.now() + min(drainLimitNs, 1 << 50) + timeoutNs
        state.withLock {
            $0.closing = true
            $0.closeDeadlineNs = deadline
        }
        guard let answer = try? self.call(call, make: { AdapterWire.close(id: $0, drainLimitMs: limitMs) }) else {
            return nil
        }
        if let error = answer.error { breakChannel("answered close with an error: \(error)") }
        return answer.abandoned ?? 0
    }

    /// After `close`: waits for the reader (the adapter's stdout ends when it exits), ends the
    /// process, and closes the last descriptor.
    package func shutdown() {
        process.closeInput()
        if let killed = process.terminate() { breakChannel(killed) }
        reader?.join()
        reader = nil
        Glibc.close(process.output)
    }

    /// Fails every waiting call with `why` (the first breach wins) and every later one.
    package func breakChannel(_ why: String) {
        let waiting: [Call] = state.withLock { state in
            guard state.broken == nil else { return [] }
            state.broken = "adapter \(name) (pid \(process.pid)) \(why); \(process.lastWords)"
            defer { state.pending.removeAll() }
            return state.pending.values.map { $0 }
        }
        let message = failure ?? why
        for call in waiting {
            call.broken = message
            call.done.signal()
        }
    }

    private func readAnswers() {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var descriptor = pollfd(fd: process.output, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 20) > 0 {
                let count = read(process.output, &chunk, chunk.count)
                if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) {
                    return endOfOutput()
                }
                if count > 0 { buffer += chunk[0..<count] }
                var start = 0
                while let newline = buffer[start...].firstIndex(of: 0x0A) {
                    if newline - start > AdapterWire.maxLineBytes { return breakChannel(Self.oversized) }
                    if newline > start { handle(buffer[start..<newline]) }
                    start = newline + 1
                }
                buffer.removeFirst(start)
                if buffer.count > AdapterWire.maxLineBytes { return breakChannel(Self.oversized) }
            }
            if failure != nil { return }
            checkTimeout()
        }
    }

    private static let oversized = "sent a line longer than \(AdapterWire.maxLineBytes) bytes"

    private func endOfOutput() {
        let closing = state.withLock { $0.closing && $0.pending.isEmpty }
        guard !closing else { return }
        breakChannel(process.endingAfterBrokenPipe(otherwise: "closed its output"))
    }

    private func checkTimeout() {
        let now = MonotonicClock.now()
        let (late, closeLate) = state.withLock { state in
            (
                state.pending.first { !state.closing && now > $0.value.sentNs + timeoutNs }?.key,
                state.closing && !state.pending.isEmpty && now > state.closeDeadlineNs
            )
        }
        if let late {
            breakChannel("did not answer request \(late) within \(timeoutNs / 1_000_000) ms (--adapter-timeout-ms)")
        } else if closeLate {
            breakChannel(
                "did not answer close within the drain limit and \(timeoutNs / 1_000_000) ms (--adapter-timeout-ms)")
        }
    }

    private func handle(_ line: ArraySlice<UInt8>) {
        guard let answer = try? AdapterWire.decode(AdapterWire.Answer.self, line), let id = answer.id else {
            let text = String(decoding: line.prefix(80), as: UTF8.self)
            return breakChannel("sent a line that is not an answer: \(text)")
        }
        enum Route {
            case call(Call)
            case durable(any DurabilityObserver, Int)
            case breach(String)
            case noAction
        }
        let route: Route = state.withLock { state in
            if let call = state.pending.removeValue(forKey: id) {
                if answer.ack == "accepted" {
                    // A caller that waits for durability keeps waiting; one that accepts goes on.
                    guard let observer = call.observer else {
                        state.pending[id] = call
                        return .noAction
                    }
                    state.accepted[id] = (observer, call.seq)
                }
                return .call(call)
            }
            if let waiting = state.accepted.removeValue(forKey: id) {
                // Dropped at close (the drain limit): abandoned, as a built-in queue's are, and
                // counted by the close answer, not as a failed write.
                if answer.error != nil && state.closing { return .noAction }
                return .durable(waiting.observer, waiting.seq)
            }
            return .breach(
                id < state.nextID && id >= 0
                    ? "answered request \(id) twice" : "answered request \(id), which was never sent")
        }
        switch route {
        case .call(let call):
            call.answer = answer
            call.done.signal()
        case .durable(let observer, let seq):
            if let error = answer.error {
                observer.failed(seq: seq, error: AdapterFailure(error))
            } else {
                observer.committed(seq: seq, atNs: MonotonicClock.now())
            }
        case .breach(let why):
            breakChannel(why)
        case .noAction:
            break
        }
    }
}
