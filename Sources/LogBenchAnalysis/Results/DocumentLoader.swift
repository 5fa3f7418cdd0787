import Foundation
import LogBenchModel
import LogBenchStatistics

/// The one way documents come in: a result document (from `bench run --format json`, a matrix or
/// a merge) or a baseline. Errors name the file, the JSON path and the problem (exit 65); a file
/// that cannot be read at all is an input failure (exit 66), not a usage error.
public enum DocumentLoader {
    /// A result document, with its derived figures (computed here if an older writer left them out),
    /// its stored summaries checked against its cells.
    public static func loadResult(_ path: String) throws(BaselineError) -> ResultDocument {
        try loadResult(data: BaselineStore.read(path), path: path)
    }

    /// The same from bytes already read; `path` names them in errors.
    public static func loadResult(data: Data, path: String) throws(BaselineError) -> ResultDocument {
        try BaselineStore.checkContent(data, path: path)
        let schema = try BaselineStore.schema(of: data, path: path)
        guard schema == ResultDocument.currentSchema else {
            let hint =
                schema == BaselineDocument.currentSchema
                ? "it is a baseline (summaries only); this needs a result document with its cells"
                : "not a result document (\(ResultDocument.currentSchema))"
            throw BaselineError(file: path, "schema \"\(schema)\": \(hint)")
        }
        var document = try BaselineStore.decode(ResultDocument.self, data, path: path)
        try DocumentValidation.checkResult(document, file: path)
        DerivedFigures.fillMissing(in: &document)
        // Cells are the truth: a stored summary that disagrees with them makes the document invalid.
        _ = try document.verifiedSummaries(file: path)
        return document
    }
}
