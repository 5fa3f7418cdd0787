import DocumentFuzzing
import Foundation
import LogBenchAnalysis

/// libFuzzer entry point: every input goes through every loader and renderer (`DocumentExercise`),
/// compared against the committed CI baseline and the test fixture. Built only by `Scripts/fuzz.sh`
/// (LOGBENCH_FUZZ=1 swift build -sanitize=fuzzer), which seeds the corpus from the fixtures.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

let references: [MeasurementSet] = ["Baselines/ci.json", "Tests/LogBenchTests/Fixtures/matrix-small.json"]
    .compactMap { try? BaselineStore.loadMeasurements(path: repository.appendingPathComponent($0).path) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    DocumentExercise.run(Data(bytes: bytes, count: count), references: references)
    return 0
}
