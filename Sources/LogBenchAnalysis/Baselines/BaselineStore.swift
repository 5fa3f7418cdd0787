import Foundation
import LogBenchModel
import LogBenchStatistics

/// Baselines on disk: `DIR/NAME.json`. Loading also accepts a result document, so `compare` and
/// `check` take either kind of file.
public enum BaselineStore {
    public static let defaultDirectory = "Baselines"

    /// `nameOrPath` is a file if one exists there (or it ends in .json), else a name in `directory`.
    public static func resolve(_ nameOrPath: String, directory: String) throws -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: nameOrPath, isDirectory: &isDirectory), !isDirectory.boolValue {
            return nameOrPath
        }
        let named = "\(directory)/\(nameOrPath).json"
        if !nameOrPath.contains("/"), FileManager.default.fileExists(atPath: named) { return named }
        // A path (a folder there, a slash, a .json name) that cannot be read is an input failure (66);
        // only a bare name that no baseline has is a missing baseline (65).
        if isDirectory.boolValue || nameOrPath.contains("/") || nameOrPath.hasSuffix(".json") {
            let problem = isDirectory.boolValue ? "is a folder, not a baseline file" : "no such file"
            throw BaselineError(file: nameOrPath, problem, unreadable: true)
        }
        throw MissingBaselineError(requested: nameOrPath, directory: directory, available: list(directory: directory))
    }

    /// Names of the baselines in `directory`, sorted.
    public static func list(directory: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    public static func validateName(_ name: String) throws(UsageError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !name.isEmpty, name.count <= 100, !name.hasPrefix("."), name.allSatisfy({ allowed.contains($0) }) else {
            throw UsageError("--name \"\(name)\": use 1–100 letters, digits, '.', '_' or '-', not starting with '.'")
        }
    }

    /// Writes `DIR/NAME.json` atomically (temporary file + rename); refuses to replace one unless
    /// `force`, also when another `baseline save` wrote it while this one was measuring (exit 64).
    @discardableResult
    public static func save(_ baseline: BaselineDocument, directory: String, force: Bool, source: String? = nil)
        throws -> String
    {
        try validateName(baseline.name)
        try baseline.validate(file: "(new baseline \(baseline.name)\(source.map { " from \($0)" } ?? ""))")
        let path = "\(directory)/\(baseline.name).json"
        try ResultCoding.write(try ResultCoding.encode(baseline), to: path, replace: force, flag: "baseline")
        return path
    }

    public static func loadBaseline(path: String) throws(BaselineError) -> BaselineDocument {
        try loadBaseline(data: read(path), path: path)
    }

    /// The same from bytes already read; `path` names them in errors.
    public static func loadBaseline(data: Data, path: String) throws(BaselineError) -> BaselineDocument {
        try checkContent(data, path: path)
        let schema = try schema(of: data, path: path)
        guard schema == BaselineDocument.currentSchema else {
            // A result document is readable, just not here: say where it goes.
            let hint =
                schema == ResultDocument.currentSchema
                ? "a result document, not a baseline (bench report reads it; bench baseline save --from makes one of it)"
                : "not one this build reads (\(BaselineDocument.currentSchema))"
            throw BaselineError(file: path, "schema \"\(schema)\": \(hint)")
        }
        let baseline = try decode(BaselineDocument.self, data, path: path)
        try baseline.validate(file: path)
        return baseline
    }

    /// A result document (for `baseline save --from` and `merge`), with the same error reporting as a
    /// baseline; its stored summaries must agree with its cells (`verifiedSummaries`).
    public static func loadResult(path: String) throws(BaselineError) -> ResultDocument {
        try DocumentLoader.loadResult(path)
    }

    /// A baseline or a result document, as summaries to compare.
    public static func loadMeasurements(path: String) throws(BaselineError) -> MeasurementSet {
        try loadMeasurements(data: read(path), path: path)
    }

    /// The same from bytes already read; `path` names them in errors.
    public static func loadMeasurements(data: Data, path: String) throws(BaselineError) -> MeasurementSet {
        try checkContent(data, path: path)
        let schema = try schema(of: data, path: path)
        switch schema {
        case BaselineDocument.currentSchema:
            return MeasurementSet(source: path, baseline: try loadBaseline(data: data, path: path))
        case ResultDocument.currentSchema:
            let result = try DocumentLoader.loadResult(data: data, path: path)
            let set = MeasurementSet(source: path, result: result)
            // The same checks as a baseline's: a result file can be handed over in its place.
            let asBaseline = BaselineDocument(name: "result", createdAt: "", from: result)
            try asBaseline.validate(file: path)
            return set
        default:
            throw BaselineError(
                file: path,
                "schema \"\(schema)\" is not one this build reads (\(BaselineDocument.currentSchema) or "
                    + "\(ResultDocument.currentSchema))")
        }
    }

    package static func read(_ path: String) throws(BaselineError) -> Data {
        var status = stat()
        guard stat(path, &status) == 0 else {
            // "no such file", or a symbolic link that loops ("too many levels of symbolic links").
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno)).lowercased()
            throw BaselineError(file: path, reason, unreadable: true)
        }
        guard (status.st_mode & S_IFMT) != S_IFDIR else {
            throw BaselineError(file: path, "is a folder, not a file", unreadable: true)
        }
        guard status.st_size <= DocumentValidation.maxDocumentBytes else {
            throw BaselineError(file: path, "is \(status.st_size) bytes; a document is at most 256 MiB")
        }
        // read(2) until the end, so a pipe (`report <(…)`) or a device reads as well as a file.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw BaselineError(
                file: path, "cannot be read: \(String(cString: strerror(errno)).lowercased())", unreadable: true)
        }
        defer { close(descriptor) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                throw BaselineError(
                    file: path, "cannot be read: \(String(cString: strerror(errno)).lowercased())", unreadable: true)
            }
            data.append(contentsOf: chunk[0..<count])
            guard data.count <= DocumentValidation.maxDocumentBytes else {
                throw BaselineError(file: path, "holds more than 256 MiB; a document is at most that")
            }
        }
    }

    /// Refuses an empty file and numbers out of range (`DocumentValidation`) before decoding.
    package static func checkContent(_ data: Data, path: String) throws(BaselineError) {
        guard !data.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) else {
            throw BaselineError(file: path, "the file is empty")
        }
        guard data.count <= DocumentValidation.maxDocumentBytes else {
            throw BaselineError(file: path, "is \(data.count) bytes; a document is at most 256 MiB")
        }
        try DocumentValidation.checkNumbers(data, file: path)
    }

    private struct SchemaProbe: Decodable { var schema: String }

    package static func schema(of data: Data, path: String) throws(BaselineError) -> String {
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            if (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) != nil {
                throw BaselineError(file: path, "top level is not a JSON object")
            }
            _ = try decode(SchemaProbe.self, data, path: path)  // throws with the parser's position
            throw BaselineError(file: path, "not valid JSON")
        }
        return try decode(SchemaProbe.self, data, path: path).schema
    }

    package static func decode<T: Decodable>(_ type: T.Type, _ data: Data, path: String) throws(BaselineError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw BaselineError(file: path, describe(error, data: data))
        } catch {
            throw BaselineError(file: path, "\(error)")
        }
    }

    /// Turns a DecodingError into "what, where": the JSON path of the field, or the parser's message.
    package static func describe(_ error: DecodingError, data: Data) -> String {
        func location(_ path: [any CodingKey]) -> String {
            guard !path.isEmpty else { return "top level" }
            return path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "top level" : location(context.codingPath)
            return "missing field \"\(key.stringValue)\" in \(parent)"
        case .typeMismatch(let type, let context):
            return "wrong type at \(location(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "null at \(location(context.codingPath)) where \(type) is required"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty, (try? JSONSerialization.jsonObject(with: data)) != nil {
                // Foundation's decoder says "not valid JSON" for a number its field cannot hold.
                return "a number does not fit its field (a fraction where a whole number belongs, or one too large)"
            }
            if context.codingPath.isEmpty {
                let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                return "not valid JSON (truncated or malformed)\(detail.map { ": \($0)" } ?? "")"
            }
            return "invalid value at \(location(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
