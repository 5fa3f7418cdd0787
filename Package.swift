// swift-tools-version: 6.0
import Foundation
import PackageDescription

// Linux only (glibc): OFD locks, prctl, renameat2, /proc (README.md, "Linux only"); no other platform is declared.
let package = Package(
    name: "LogBench",
    products: [
        .executable(name: "bench", targets: ["bench"]),
        .library(
            name: "LogBench",
            targets: [
                "LogBenchStatistics", "LogBenchModel", "LogBenchStore", "LogBenchStrategies", "LogBenchAnalysis",
                "LogBenchRun", "LogBenchReports",
            ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
    ],
    targets: [
        // The system SQLite, through its C API (Debian: libsqlite3-dev).
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // jemalloc as the allocator of every process that links LogBench (Debian: libjemalloc-dev).
        .systemLibrary(
            name: "CJemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]
        ),
        // PostgreSQL's client library, libpq, through its C API (Debian: libpq-dev).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // Linux calls that Swift cannot spell directly (variadic fcntl with OFD locks).
        .target(name: "CPlatform"),
        // Writes the git commit of the checkout being built into LogBenchModel before every build
        // (`bench --version`, every document's environment): a manifest-time value would be cached.
        .plugin(name: "BuildCommitPlugin", capability: .buildTool()),
        // The fast JSON codec of the read-modify-write: the system simdjson (Debian: libsimdjson-dev),
        // wrapped in C++ behind plain C functions, so Swift needs no C++ interop.
        .target(
            name: "CLogCodec",
            cxxSettings: [
                // As pkg-config's `simdjson` cflags: the library was built with it, and it changes the parser's layout.
                .define("SIMDJSON_THREADS_ENABLED", to: "1"),
                // simdjson lives in its header: at -O0 the fast codec is ~40x slower, as slow as Foundation's,
                // which would make debug builds (the tests, `swift run bench`) measure the wrong thing.
                .unsafeFlags(["-O2"], .when(configuration: .debug)),
            ],
            linkerSettings: [.linkedLibrary("simdjson")]
        ),
        // The modules are the architecture (docs/architecture.md): each depends only on those below
        // it, so a forbidden edge does not compile. Scripts/check-architecture.sh holds the graph
        // against the documented list.
        // Pure numbers: descriptive statistics, bootstrap, Mann-Whitney, Holm, power.
        .target(name: "LogBenchStatistics"),
        // The vocabulary: workloads, entries, engine and storage kinds, result documents, units.
        .target(
            name: "LogBenchModel", dependencies: ["LogBenchStatistics", "CPlatform"],
            plugins: ["BuildCommitPlugin"]),
        // SQLite and PostgreSQL connections, each engine's cell database and stored-log reader,
        // the JSON codecs, and the process-level resources (threads, scratch files, signals).
        .target(
            name: "LogBenchStore",
            dependencies: ["LogBenchModel", "CSQLite", "CLibPQ", "CLogCodec", "CPlatform"]),
        // The append designs, one file each per engine, behind `AppendStrategy`.
        .target(
            name: "LogBenchStrategies",
            dependencies: [
                "LogBenchModel", "LogBenchStore", .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]),
        // What documents mean: derived figures, loading and validation, baselines, the gate's judgement.
        .target(name: "LogBenchAnalysis", dependencies: ["LogBenchModel", "LogBenchStatistics"]),
        // Measuring: plans, the measurement session, drivers, probes, calibrations and the audit.
        .target(
            name: "LogBenchRun",
            dependencies: [
                "LogBenchModel", "LogBenchStatistics", "LogBenchStore", "LogBenchStrategies", "LogBenchAnalysis",
                "CSQLite", "CJemalloc", "CPlatform",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]),
        // Text, Markdown, CSV, JSON, HTML and the exports: documents in, text out; never measures.
        .target(
            name: "LogBenchReports", dependencies: ["LogBenchModel", "LogBenchStatistics", "LogBenchAnalysis"]),
        .executableTarget(
            name: "bench",
            dependencies: [
                "LogBenchModel", "LogBenchStore", "LogBenchStrategies", "LogBenchAnalysis", "LogBenchRun",
                "LogBenchReports", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc must precede libc in the executable's own link line to own malloc.
            linkerSettings: [.linkedLibrary("jemalloc")]
        ),
        // Every consumer of a document in one call, for the fuzzer and the hostile-document tests.
        .target(
            name: "DocumentFuzzing", dependencies: ["LogBenchModel", "LogBenchAnalysis", "LogBenchReports"],
            path: "Fuzz/DocumentFuzzing"),
        .testTarget(
            name: "LogBenchTests",
            dependencies: [
                "LogBenchStatistics", "LogBenchModel", "LogBenchStore", "LogBenchStrategies", "LogBenchAnalysis",
                "LogBenchRun", "LogBenchReports", "DocumentFuzzing",
            ],
            // Read through #filePath, not bundled: the fixtures are inputs to compare, not resources.
            exclude: ["Fixtures"]
        ),
    ]
)

// The libFuzzer target over the document loaders and renderers: only with LOGBENCH_FUZZ set, since
// it has no main of its own (libFuzzer's) and links only with -sanitize=fuzzer (Scripts/fuzz.sh).
if ProcessInfo.processInfo.environment["LOGBENCH_FUZZ"] != nil {
    package.products.append(.executable(name: "fuzz-documents", targets: ["FuzzDocuments"]))
    package.targets.append(
        .executableTarget(
            name: "FuzzDocuments", dependencies: ["DocumentFuzzing", "LogBenchAnalysis"], path: "Fuzz/Documents",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}
