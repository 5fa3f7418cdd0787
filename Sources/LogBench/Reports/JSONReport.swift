import Foundation

/// `bench report --format json`: the review table itself ("logbench.review/1"), raw numbers.
public enum JSONReport {
    public static let schema = "logbench.review/1"

    struct Envelope: Encodable {
        let schema: String
        let table: ReviewTable
    }

    public static func render(_ table: ReviewTable) throws -> Data {
        try ResultCoding.encode(Envelope(schema: schema, table: table))
    }
}
