import Foundation
import Agents

/// Progress metrics appended to a CSV file, one row per interval, and one per evaluation (the
/// same columns, with the evaluation's mean, standard deviation and kind in the last three, which
/// are empty in progress rows). Kinds: `periodic` (`--eval-every`), `confirmation` (the target
/// reached, the evaluation fell short), `confirmed` (it reached the target too: the run stops) and
/// `final` (the last model of a run whose budget ran out after confirmations fell short).
final class CSVLog {
    static let header = ProgressReport.csvHeader + ",evaluation_mean_return,evaluation_return_std,evaluation_kind"
    private let handle: FileHandle

    /// Creates (or truncates) the file at `path`; with `appending`, a file that already has this
    /// header is continued instead (a resumed run).
    init(path: String, appending: Bool = false) throws {
        let existing = appending ? (try? String(contentsOfFile: path, encoding: .utf8)) : nil
        let continues = existing?.hasPrefix(Self.header + "\n") ?? false
        if !continues {
            guard FileManager.default.createFile(atPath: path, contents: Data((Self.header + "\n").utf8)) else {
                throw ValidationErrorMessage("cannot write the log file \(path): \(Self.reason(path))")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw ValidationErrorMessage("cannot write the log file \(path): \(Self.reason(path))")
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    static func reason(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return "it is a directory" }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder) { return "the folder \(folder) does not exist" }
        return "permission denied or the disk is full"
    }

    func append(_ report: ProgressReport) {
        handle.write(Data((report.csvRow + ",,,\n").utf8))
    }

    func append(_ evaluation: EvaluationReport) {
        let kind: String
        switch evaluation.kind {
        case .periodic: kind = "periodic"
        case .confirmation(_, _, let confirmed, _, _): kind = confirmed ? "confirmed" : "confirmation"
        case .final: kind = "final"
        }
        let row = evaluation.progress.csvRow + String(format: ",%.6g,%.6g,", evaluation.summary.mean, evaluation.summary.standardDeviation) + kind
        handle.write(Data((row + "\n").utf8))
    }

    deinit { try? handle.close() }
}

/// An error whose description is the message itself.
struct ValidationErrorMessage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
