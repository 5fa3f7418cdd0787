import Foundation
import LogBenchModel
import LogBenchStore

/// The first exchange with an adapter: `hello` out, its abilities back, checked. Read before the
/// channel's reader starts, one byte at a time, so not a byte of a later answer is taken.
public struct AdapterHandshake: Sendable {
    public var identity: AdapterIdentity
    public var engines: [EngineKind]
    public var layout: StorageLayout
    /// Answers `accepted` before the write when opened with `"ack":"accepted"` (a queue).
    public var acceptsEarly: Bool
    public var processSafe: Bool

    /// Starts `command` and shakes hands; the caller owns the process.
    static func start(_ command: AdapterCommand, timeoutNs: UInt64) throws -> (AdapterProcess, AdapterHandshake) {
        let process = try AdapterProcess(command: command)
        do {
            let line = Array(AdapterWire.hello(id: 0))
            let written = line.withUnsafeBytes { write(process.input, $0.baseAddress, $0.count) }
            let reply = try readLine(process, timeoutNs: timeoutNs, sent: written == line.count)
            return (process, try parse(reply, command: command, process: process))
        } catch {
            process.terminate()
            Glibc.close(process.output)
            throw error
        }
    }

    /// Starts the command, shakes hands and stops it: what a plan needs to know before it runs.
    public static func probe(_ command: AdapterCommand, timeoutNs: UInt64) throws -> AdapterHandshake {
        let (process, handshake) = try start(command, timeoutNs: timeoutNs)
        process.terminate()
        Glibc.close(process.output)
        return handshake
    }

    private static func readLine(_ process: AdapterProcess, timeoutNs: UInt64, sent: Bool) throws -> [UInt8] {
        var line: [UInt8] = []
        let deadline = MonotonicClock.now() + timeoutNs
        var byte: UInt8 = 0
        while true {
            var descriptor = pollfd(fd: process.output, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 20) > 0 {
                let count = read(process.output, &byte, 1)
                if count == 1 {
                    if byte == 0x0A { return line }
                    line.append(byte)
                    if line.count > AdapterWire.maxLineBytes { throw failure(process, "sent a handshake over 1 MiB") }
                    continue
                }
                if count == 0 {
                    let how = process.endingAfterBrokenPipe(otherwise: "closed its output", waitMs: 200)
                    throw failure(process, "\(how) before answering hello" + (sent ? "" : " (it never read it)"))
                }
            }
            if MonotonicClock.now() > deadline {
                throw failure(process, "did not answer hello within \(timeoutNs / 1_000_000) ms (--adapter-timeout-ms)")
            }
        }
    }

    private static func failure(_ process: AdapterProcess, _ why: String) -> AdapterFailure {
        AdapterFailure("adapter (pid \(process.pid)) \(why); \(process.lastWords)")
    }

    private static func parse(_ line: [UInt8], command: AdapterCommand, process: AdapterProcess) throws
        -> AdapterHandshake
    {
        guard let hello = try? AdapterWire.decode(AdapterWire.Hello.self, line[...]) else {
            throw failure(
                process,
                "answered hello with something that is not a handshake: "
                    + String(decoding: line.prefix(80), as: UTF8.self))
        }
        if let error = hello.error { throw failure(process, "refused hello: \(error)") }
        guard hello.protocol == AdapterWire.protocolVersion else {
            throw failure(
                process,
                "speaks protocol \(hello.protocol.map(String.init) ?? "?"), LogBench speaks \(AdapterWire.protocolVersion)"
            )
        }
        guard let name = hello.name, Self.validName(name) else {
            throw failure(
                process, "gave no usable name (letters, digits, '.', '_', '-'; up to 64; got \(hello.name ?? "none"))")
        }
        guard !StrategyRegistry.names.contains(name) && name != "all" else {
            throw failure(process, "is named \(name), which is a built-in design's name: choose another")
        }
        // An adapter that can store either way (a do-nothing one) is measured in the first it names.
        let layouts = (hello.layouts ?? []).compactMap(StorageLayout.init(rawValue:))
        guard let layout = layouts.first, layouts.count == hello.layouts?.count else {
            throw failure(process, "must name its layout, jsonColumn or logTable (got \(hello.layouts ?? []))")
        }
        let engines = (hello.engines ?? ["sqlite"]).compactMap(EngineKind.init(rawValue:))
        let (hash, files) = command.filesHash()
        let identity = AdapterIdentity(
            name: name, version: hello.version ?? "unversioned", protocolVersion: AdapterWire.protocolVersion,
            command: command.arguments, filesHash: hash, files: files, stores: hello.stores ?? true)
        return AdapterHandshake(
            identity: identity, engines: engines, layout: layout,
            acceptsEarly: (hello.ack ?? []).contains(AckPoint.accepted.rawValue),
            processSafe: hello.processSafe ?? false)
    }

    static func validName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "._-".unicodeScalars.contains($0)
            }
    }

    /// The plan's view of the adapter: its traits, and how to start it for a cell.
    public func descriptor(command: AdapterCommand, engine: EngineKind, timeoutNs: UInt64, isReference: Bool = false)
        throws(UsageError) -> StrategyDescriptor
    {
        guard engines.contains(engine) else {
            throw UsageError(
                "adapter \(identity.name) has no \(engine.displayName) form (it supports \(engines.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        let handshake = self
        return StrategyDescriptor(
            adapter: identity, engine: engine, layout: layout, claimsProcessSafety: processSafe,
            isReference: isReference, buffersEntries: acceptsEarly, timeoutNs: timeoutNs
        ) { context in
            try ExternalAdapter(command: command, handshake: handshake, context: context, timeoutNs: timeoutNs)
        }
    }
}
