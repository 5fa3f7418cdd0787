import LogBenchModel

/// A write the database itself refuses, as a violated constraint would: triggers that abort any
/// statement storing an entry of a measured run with the given sequence number, whichever layout
/// the design writes (an UPDATE of the run's JSON array that would contain it, or an INSERT of it
/// into `log_entries`). The strategies are not told: what reaches their callers is what a real
/// constraint error would produce. Warm-up runs are exempt, so the warm-up never fails.
package enum RejectedWrites {
    package static let message = "rejected by the injected constraint"

    package static func sqliteStatements(seq: Int) -> [String] {
        let measured = "< \(Workload.warmupRunOffset)"
        return [
            """
            CREATE TRIGGER logbench_reject_runs BEFORE UPDATE OF logs ON runs
            WHEN NEW.id \(measured) AND EXISTS (
                SELECT 1 FROM json_each(NEW.logs) WHERE json_extract(value, '$.seq') = \(seq))
            BEGIN SELECT RAISE(ABORT, '\(message)'); END
            """,
            """
            CREATE TRIGGER logbench_reject_entries BEFORE INSERT ON log_entries
            WHEN NEW.run_id \(measured) AND NEW.seq = \(seq)
            BEGIN SELECT RAISE(ABORT, '\(message)'); END
            """,
        ]
    }

    package static func postgresStatements(seq: Int) -> [String] {
        let measured = "< \(Workload.warmupRunOffset)"
        return [
            """
            CREATE FUNCTION logbench_reject() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_TABLE_NAME = 'runs' THEN
                    IF NEW.id \(measured) AND NEW.logs @> '[{"seq": \(seq)}]'::jsonb THEN
                        RAISE EXCEPTION '\(message)';
                    END IF;
                ELSIF NEW.run_id \(measured) AND NEW.seq = \(seq) THEN
                    RAISE EXCEPTION '\(message)';
                END IF;
                RETURN NEW;
            END $$
            """,
            "CREATE TRIGGER logbench_reject_runs BEFORE UPDATE ON runs FOR EACH ROW EXECUTE FUNCTION logbench_reject()",
            """
            CREATE TRIGGER logbench_reject_entries BEFORE INSERT ON log_entries
            FOR EACH ROW EXECUTE FUNCTION logbench_reject()
            """,
        ]
    }
}

extension SQLiteCellDatabase {
    package func rejectWrites(seq: Int) throws {
        for sql in RejectedWrites.sqliteStatements(seq: seq) { try admin().execute(sql) }
    }
}

extension PGCellDatabase {
    package func rejectWrites(seq: Int) throws {
        // The admin connection's search_path is the cell's schema: the function and triggers land there.
        for sql in RejectedWrites.postgresStatements(seq: seq) { try admin().execute(sql) }
    }
}
