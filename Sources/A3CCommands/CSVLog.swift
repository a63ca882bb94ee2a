import Foundation
import Agents

/// Progress metrics appended to a CSV file, one row per interval.
final class CSVLog {
    private let handle: FileHandle

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data((ProgressReport.csvHeader + "\n").utf8)),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw ValidationErrorMessage("cannot write the log file \(path)")
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    func append(_ report: ProgressReport) {
        handle.write(Data((report.csvRow + "\n").utf8))
    }

    deinit { try? handle.close() }
}

/// An error whose description is the message itself.
struct ValidationErrorMessage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
