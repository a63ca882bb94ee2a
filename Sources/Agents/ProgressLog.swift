import Foundation

/// A CSV progress log as `a3c train --log` writes it (`ProgressReport.csvHeader`), read back for
/// plotting. Columns are found by name in the header, so logs with extra columns read too.
public struct ProgressLog: Equatable, Sendable {
    /// One row: wall seconds, env steps, and the mean100 return (nil before the first episode ended).
    public struct Row: Equatable, Sendable {
        public var seconds: Double
        public var steps: Double
        public var mean100: Double?

        public init(seconds: Double, steps: Double, mean100: Double?) {
            self.seconds = seconds
            self.steps = steps
            self.mean100 = mean100
        }
    }

    public var path: String
    public var rows: [Row]

    /// The columns a log must have.
    public static let requiredColumns = ["seconds", "steps", "mean100_return"]
    /// Larger files are refused before reading (a progress log grows by ~100 bytes per interval).
    public static let maximumBytes = 256 << 20

    public init(path: String, rows: [Row]) {
        self.path = path
        self.rows = rows
    }

    /// Reads and checks the log at `path`.
    public init(contentsOf path: String) throws(ProgressLogError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "it is a directory, not a CSV file") }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= Self.maximumBytes else {
            throw .unreadable(path: path, reason: "\(size) bytes is more than a progress log's limit of \(Self.maximumBytes)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or not a regular file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .malformed(path: path, line: 1, reason: "not UTF-8 text") }
        try self.init(csv: text, path: path)
    }

    /// Parses `csv`; `path` names the source in error messages.
    public init(csv: String, path: String) throws(ProgressLogError) {
        let lines = csv.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let header = lines.first, !header.isEmpty else {
            throw .malformed(path: path, line: 1, reason: "the file is empty; expected the header \(ProgressReport.csvHeader)")
        }
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var index: [String: Int] = [:]
        for name in Self.requiredColumns {
            guard let position = columns.firstIndex(of: name) else {
                throw .malformed(path: path, line: 1, reason: "the header has no column \"\(name)\"; expected an `a3c train --log` " +
                                 "file whose header is \(ProgressReport.csvHeader)")
            }
            index[name] = position
        }
        var rows: [Row] = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let number = offset + 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == columns.count else {
                throw .malformed(path: path, line: number, reason: "\(fields.count) fields where the header has \(columns.count)")
            }
            func value(_ name: String, optional: Bool = false) throws(ProgressLogError) -> Double? {
                let field = fields[index[name]!].trimmingCharacters(in: .whitespaces)
                if field.isEmpty && optional { return nil }
                guard let parsed = Double(field), parsed.isFinite else {
                    throw .malformed(path: path, line: number, reason: "\(name) is \"\(field)\", expected a finite number")
                }
                return parsed
            }
            rows.append(Row(seconds: try value("seconds")!, steps: try value("steps")!,
                            mean100: try value("mean100_return", optional: true)))
        }
        guard !rows.isEmpty else { throw .malformed(path: path, line: 2, reason: "the log has a header but no rows") }
        self.init(path: path, rows: rows)
    }
}

/// Why a progress log could not be read.
public enum ProgressLogError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read the log \(path): \(reason)"
        case let .malformed(path, line, reason): "\(path), line \(line): \(reason)"
        }
    }
}
