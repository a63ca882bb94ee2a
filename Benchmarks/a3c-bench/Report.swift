import Foundation

/// Timing and reporting shared by every benchmark section.
enum Report {
    /// Nanoseconds on a monotonic clock.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Seconds per call of `body`: runs it in growing batches until one batch takes ≥ `minSeconds`,
    /// repeats that `repeats` times and keeps the fastest (least disturbed) batch.
    static func secondsPerCall(minSeconds: Double = 0.2, repeats: Int = 5, _ body: () -> Void) -> Double {
        var iterations = 1
        while true {
            let start = now()
            for _ in 0..<iterations { body() }
            let elapsed = Double(now() - start) * 1e-9
            if elapsed >= minSeconds { break }
            iterations *= elapsed < minSeconds / 10 ? 10 : 2
        }
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = now()
            for _ in 0..<iterations { body() }
            best = min(best, Double(now() - start) * 1e-9 / Double(iterations))
        }
        return best
    }

    /// The header line every section prints: what machine and build the figures come from.
    static var machine: String {
        #if DEBUG
        let configuration = "debug (figures are not representative: use -c release)"
        #else
        let configuration = "release"
        #endif
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, build: \(configuration)"
    }

    /// A Markdown table.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var lines = ["| " + header.joined(separator: " | ") + " |",
                     "|" + header.map { _ in "---:" }.joined(separator: "|") + "|"]
        lines += rows.map { "| " + $0.joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }

    /// Writes `figures` as pretty-printed JSON to `path` (via a temporary file, then rename).
    static func writeJSON(_ figures: [String: Any], to path: String) throws {
        let data = try JSONSerialization.data(withJSONObject: figures, options: [.prettyPrinted, .sortedKeys])
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("[a3c-bench] \(message)\n".utf8))
    }
}

extension Double {
    /// Fixed-point with `digits` decimals.
    func formatted(_ digits: Int) -> String { String(format: "%.\(digits)f", self) }
}
