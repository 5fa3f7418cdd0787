/// Which bench produced a document or a report: the release number and the commit it was built from.
public enum BuildInfo {
    public static let version = "0.7.0"
    /// Written before every build by Plugins/BuildCommitPlugin: "-dirty" when the checkout had
    /// uncommitted changes, "unknown" outside git.
    public static let commit = buildCommit
    /// "0.7.0 (commit 1a2b3c4d5e6f)", as `bench --version` prints it and documents record it.
    public static var description: String {
        "\(version) (commit \(commit == "unknown" ? commit : String(commit.prefix(12)) + (commit.hasSuffix("-dirty") ? "-dirty" : "")))"
    }
}
