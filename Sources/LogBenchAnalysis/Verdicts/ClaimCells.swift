import Foundation
import LogBenchModel

/// The cells of a seed-claims document, by part: the seed's queue closed loop, open loop and under
/// kills, per acknowledgement point; the serial references; the saturation searches.
struct ClaimCells {
    let document: ResultDocument
    private let measured: [CellResult]

    init(_ document: ResultDocument) {
        self.document = document
        measured = document.cells.filter { $0.role == .measured && $0.safetyProbe != true }
    }

    private func cells(_ ack: AckPoint, open: Bool, crash: Bool) -> [CellResult] {
        measured.filter {
            $0.strategy == DesignTraits.seedQueueName && $0.workload.load.ack == ack
                && $0.workload.load.isOpenLoop == open && ($0.crash != nil) == crash
                && $0.workload.load.maxPending == nil && $0.part == nil
        }
    }

    /// The measured cells of one of the later parts (`SeedClaimPart`), safety probes included.
    func part(_ name: String) -> [CellResult] {
        document.cells.filter { $0.role == .measured && $0.part == name }
    }

    func closed(_ ack: AckPoint) -> [CellResult] { cells(ack, open: false, crash: false) }
    func open(_ ack: AckPoint) -> [CellResult] { cells(ack, open: true, crash: false) }
    func crash(_ ack: AckPoint) -> [CellResult] {
        cells(ack, open: true, crash: true) + cells(ack, open: false, crash: true)
    }

    /// The serial references measured for `group`: the unfixed pipeline with one producer per run
    /// appending the same entries (its concurrency is the runs', not the group's). Documents from
    /// before the serial reference matched a reference cell of the same concurrency instead.
    func references(of group: [CellResult]) -> [CellResult] {
        let workloads = Set(
            group.map { cell -> Workload in
                var workload = cell.workload
                workload.injectDelayUs = 0
                return workload
            })
        let references = document.cells.filter { $0.role == .reference && $0.crash == nil }
        let serial = references.filter { cell in cell.referenceOf.map { workloads.contains($0) } ?? false }
        if !serial.isEmpty { return serial }
        return references.filter { cell in
            cell.referenceOf == nil && !cell.workload.load.isOpenLoop
                && group.contains {
                    $0.concurrency == cell.concurrency && $0.workload.load.ack == cell.workload.load.ack
                }
        }
    }

    /// A design's saturation search (any ack when nil).
    func search(_ strategy: String, ack: AckPoint?) -> SaturationResult? {
        document.saturation?.first { $0.strategy == strategy && (ack == nil || $0.ack == ack) }
    }

    var saturationWorkload: String {
        guard let search = search(DesignTraits.unfixedName, ack: nil) ?? document.saturation?.first else { return "" }
        return "; sustainable rate: the highest open-loop rate (`bench saturate`, \(search.concurrency) producers, "
            + "\(LoadProfile.number(search.stepDurationS)) s per step) kept on schedule with p99 durability lag ≤ "
            + "\(Units.duration(ns: search.lagBudgetNs))"
    }

    var openWorkload: String {
        guard let open = (self.open(.accepted) + self.open(.durable)).first, let rate = open.workload.load.ratePerSec
        else { return "" }
        return "; open loop: \(open.concurrency) producers × \(LoadProfile.number(rate)) entries/s for "
            + "\(LoadProfile.number(open.workload.load.durationS ?? 0)) s, drain limit "
            + "\(LoadProfile.number(open.workload.load.drainLimitS ?? LoadProfile.defaultDrainLimitS)) s"
    }

    var crashWorkload: String {
        let trials = crash(.durable) + crash(.accepted)
        guard let trial = trials.first else { return "not measured" }
        return "\(trials.count) crash trials, the writer process SIGKILLed at a random point (`--crash random`) "
            + "then restarted; "
            + (trial.workload.load.ratePerSec.map {
                "open loop \(trial.concurrency) × \(LoadProfile.number($0)) entries/s for "
                    + "\(LoadProfile.number(trial.workload.load.durationS ?? 0)) s"
            } ?? "closed loop")
    }
}
