import Foundation
import LogBenchModel

extension CodecKind {
    /// A new codec of this kind, for one thread.
    public func makeCodec() -> any LogCodec {
        switch self {
        case .fast: FastLogCodec()
        case .foundation: FoundationLogCodec()
        }
    }
}
