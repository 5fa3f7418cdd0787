import Foundation

/// Reads a result document a user named, turning every failure into one line that says which file
/// and what is wrong with it (a usage error, exit 64).
public enum ResultLoading {
    public static func load(_ path: String) throws(UsageError) -> ResultDocument {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw UsageError("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw UsageError("\(path): is a folder, not a result document") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("\(path): cannot read it (\(String(cString: strerror(errno))))")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            throw UsageError("\(path): not JSON")
        }
        guard let dictionary = object as? [String: Any], let schema = dictionary["schema"] as? String else {
            throw UsageError("\(path): not a LogBench result document (no \"schema\" field)")
        }
        guard schema == ResultDocument.currentSchema else {
            throw UsageError(
                "\(path): schema \"\(schema)\" is not supported (expected \"\(ResultDocument.currentSchema)\")")
        }
        do {
            return try JSONDecoder().decode(ResultDocument.self, from: data)
        } catch let error as DecodingError {
            throw UsageError("\(path): \(describe(error))")
        } catch {
            throw UsageError("\(path): \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the document" : String(text.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field \"\(key.stringValue)\" in \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
