import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// `bench report --format json`: the review table itself ("logbench.review/1"), raw numbers.
public enum JSONReport {
    public static let schema = "logbench.review/1"

    package struct Envelope: Encodable {
        package init(schema: String, table: ReviewTable) {
            self.schema = schema
            self.table = table
        }

        package let schema: String
        package let table: ReviewTable
    }

    public static func render(_ table: ReviewTable) throws -> Data {
        try ResultCoding.encode(Envelope(schema: schema, table: table))
    }
}
