import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Producers in worker processes: one producer per process (processes mode), or all producers as
/// threads of one writer process (a threads-mode crash trial, so that the whole writer can be
/// killed). Optionally SIGKILLs one worker mid-run; in threads mode the killed writer is then
/// started again to append what was never sent. The workers journal every send and
/// acknowledgement (`AckJournal`), which is what the audit compares the database with.
package struct ProcessDriver: CellDriver {
    package init() {}

    package var measuresMemoryInProcess: Bool { false }

    package func drive(_ cell: PreparedCell, phase: MeasuredPhase) throws -> Observations {
        do {
            return try run(cell, phase: phase)
        } catch let failure as WorkerGroup.Failure {
            throw WorkerGroup.Failure(
                description: "\(failure.description); killed the other workers and removed the temporary files")
        }
    }

    /// Producers per worker process.
    package static func workerProducers(_ spec: CellSpec) -> [[Int]] {
        let all = Array(0..<spec.workload.concurrency)
        return spec.mode == .processes ? all.map { [$0] } : [all]
    }

    private func run(_ cell: PreparedCell, phase: MeasuredPhase) throws -> Observations {
        let spec = cell.spec
        let workload = cell.workload
        let execution = cell.execution
        let exchange = ExchangeFolder(path: cell.scratch.path)
        let producers = Self.workerProducers(spec)
        var workerSpec = WorkerSpec(
            strategy: spec.strategy.name, workload: workload, databasePath: cell.database.path,
            sideFileDirectory: cell.scratch.path, producers: producers, parentPID: getpid(), fault: execution.fault)
        workerSpec.adapterCommand = spec.strategy.adapter?.command
        workerSpec.adapterTimeoutMs = spec.strategy.adapterTimeoutNs.map { Int($0 / 1_000_000) }
        try ResultCoding.write(try ResultCoding.encode(workerSpec), to: exchange.spec, replace: false)

        // An open-loop window and the drain of accepted entries are part of the measured phase.
        let timeoutNs = UInt64(execution.workerTimeoutS) * 1_000_000_000 + workload.load.phaseAllowanceNs
        let group = WorkerGroup(exchange: exchange, scope: cell.scope)
        defer { group.killAll() }
        try group.spawn(count: producers.count, executable: execution.workerExecutable)
        try group.waitUntilReady(timeoutNs: timeoutNs)
        try phase.willStart()
        // Threads-mode crash trial: close ours once the writer's connections are open, so that the kill
        // leaves the WAL as the writer had it and the restarted writer is the first connection to open
        // it afterwards: SQLite's WAL recovery then runs in that writer, as after a real crash (were we
        // the last connection at the kill, our close would checkpoint and delete the WAL instead).
        let restartsAfterKill = spec.mode == .threads && spec.crash != nil
        if restartsAfterKill { cell.database.release() }

        let target = spec.crash?.resolve(
            workers: producers.count, entriesPerWorker: producers[0].count * workload.logsPerProducer,
            seed: workload.seed, trial: spec.trial)
        // Open loop: a random kill lands at a random time in the first half of the window instead (a
        // producer behind schedule may never reach an entry count drawn from what was scheduled).
        let killDelayNs = spec.crash.flatMap {
            $0.openLoopKillDelayNs(load: workload.load, seed: workload.seed, trial: spec.trial)
        }
        let tails = target.map { target in
            producers[target.victim].map { JournalTail(path: exchange.journal(producer: $0)) }
        }
        var killedAt: UInt64?
        var killCount: Int?
        var observed = Observations()
        observed.startNs = MonotonicClock.now()
        group.openBarrier()
        try group.waitForAll(
            timeoutNs: timeoutNs, expectedKills: { killedAt == nil ? [] : [target!.victim] },
            tick: {
                guard let target, let tails, killedAt == nil, group.exits[target.victim] == nil else { return }
                tails.forEach { $0.poll() }
                let acknowledged = tails.reduce(0) { $0 + $1.acknowledged }
                let due =
                    killDelayNs.map { acknowledged >= 1 && MonotonicClock.now() >= observed.startNs + $0 }
                    ?? (acknowledged >= target.after)
                if due {
                    if killDelayNs != nil { killCount = acknowledged }
                    group.kill(worker: target.victim)
                    killedAt = MonotonicClock.now()
                }
            })
        phase.didEnd()

        var reports: [WorkerReport] = []
        for index in producers.indices where !(killedAt != nil && index == target?.victim) {
            reports.append(try readReport(exchange.report(worker: index), worker: index))
        }
        // Threads mode: the killed writer was the only one, so start it again (processes mode: the
        // other workers went on writing after the kill, which already uses the crashed database).
        let restarted = restartsAfterKill && killedAt != nil
        if restarted {
            reports.append(try restartWriter(cell, exchange: exchange, timeoutNs: timeoutNs))
        }

        var sentBeforeKill: [Int: [SentLog.Outcome]] = [:]
        var sentAfterRestart: [Int: [SentLog.Outcome]]? = restarted ? [:] : nil
        for producer in 0..<workload.concurrency {
            let journal = try JournalContents.read(path: exchange.journal(producer: producer))
            sentBeforeKill[producer] = journal.outcomes
            var outcomes = journal.outcomes
            if restarted {
                let resumed = try JournalContents.read(
                    path: exchange.journal(producer: producer, restarted: true), firstSeq: journal.nextSeq)
                sentAfterRestart?[producer] = resumed.outcomes
                outcomes += resumed.outcomes
            }
            observed.sent.record(workload: workload, producer: producer, outcomes: outcomes)
        }
        for report in reports {
            observed.latency.merge(report.latency)
            observed.counters.busyWaits += report.counters.busyWaits
            observed.counters.retries += report.counters.retries
            if let pending = report.counters.maxPendingPerRun {
                observed.counters.maxPendingPerRun = max(observed.counters.maxPendingPerRun ?? 0, pending)
            }
            observed.addErrors(report.errors, counts: report.errorCounts ?? [:])
            if let failed = report.failedLatency { observed.failedLatency.merge(failed) }
            observed.counters.addPendingFigures(of: report.counters)
            if let load = report.load { observed.load.merge(load) }
            observed.strategyFailure = observed.strategyFailure ?? report.strategyFailure
        }
        observed.endNs = max(reports.map(\.finishedAtNs).max() ?? observed.startNs, killedAt ?? observed.startNs)
        observed.workerPeakRssBytes = reports.map(\.peakRssBytes).max()
        observed.workerProcesses = producers.count
        // Every writer is done: the pipeline's connection opens again, for the audit.
        if restartsAfterKill { try cell.database.reopen() }
        observed.checkIntegrity = true
        if let target, let crash = spec.crash {
            observed.crash = CrashObservation(
                plan: crash, victim: target.victim, killAfter: killCount ?? target.after, killed: killedAt != nil,
                sentBeforeKill: sentBeforeKill, sentAfterRestart: sentAfterRestart,
                restartExpected: spec.mode == .threads)
        }
        return observed
    }

    /// Threads mode, after the kill: starts the writer again (same spec, `bench worker --restarted`),
    /// lets it append every producer's unsent entries, and returns its report.
    private func restartWriter(_ cell: PreparedCell, exchange: ExchangeFolder, timeoutNs: UInt64) throws
        -> WorkerReport
    {
        let group = WorkerGroup(exchange: exchange, scope: cell.scope, restarted: true)
        defer { group.killAll() }
        try group.spawn(count: 1, executable: cell.execution.workerExecutable)
        try group.waitUntilReady(timeoutNs: timeoutNs)
        group.openBarrier()
        try group.waitForAll(timeoutNs: timeoutNs, expectedKills: { [] }, tick: {})
        return try readReport(exchange.report(worker: 0, restarted: true), worker: 0, name: "restarted writer")
    }

    private func readReport(_ path: String, worker: Int, name: String? = nil) throws -> WorkerReport {
        let name = name ?? "worker \(worker)"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkerGroup.Failure(description: "\(name) exited without writing its report \(path)")
        }
        do {
            let report = try JSONDecoder().decode(WorkerReport.self, from: data)
            guard report.format == WorkerReport.currentFormat, report.worker == worker else {
                throw WorkerProtocolError("format \(report.format), worker \(report.worker)")
            }
            return report
        } catch {
            throw WorkerGroup.Failure(description: "\(name) wrote an unreadable report: \(error)")
        }
    }
}
