// swift-tools-version: 6.0
import Foundation
import PackageDescription

let package = Package(
    name: "LogBench",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bench", targets: ["bench"]),
        .library(name: "LogBench", targets: ["LogBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
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
        .target(
            name: "LogBench",
            dependencies: [
                "CSQLite", "CJemalloc", "CPlatform", "CLibPQ", "CLogCodec",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .executableTarget(
            name: "bench",
            dependencies: [
                "LogBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc must precede libc in the executable's own link line to own malloc.
            linkerSettings: [.linkedLibrary("jemalloc")]
        ),
        .testTarget(
            name: "LogBenchTests",
            dependencies: ["LogBench"],
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
            name: "FuzzDocuments", dependencies: ["LogBench"], path: "Fuzz/Documents",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}
