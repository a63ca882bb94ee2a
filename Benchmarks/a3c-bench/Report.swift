import ArgumentParser
import Engine
import Foundation

/// Timing, statistics and reporting shared by every benchmark section.
enum Report {
    /// Nanoseconds on a monotonic clock.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Seconds elapsed since `start` (from `now()`).
    static func seconds(since start: UInt64) -> Double { Double(now() - start) * 1e-9 }

    /// Seconds per call of `body`: runs it in growing batches until one batch takes ≥ `minSeconds`,
    /// repeats that `repeats` times and keeps the fastest (least disturbed) batch.
    static func secondsPerCall(minSeconds: Double = 0.2, repeats: Int = 5, _ body: () -> Void) -> Double {
        var iterations = 1
        while true {
            let start = now()
            for _ in 0..<iterations { body() }
            let elapsed = seconds(since: start)
            if elapsed >= minSeconds { break }
            iterations *= elapsed < minSeconds / 10 ? 10 : 2
        }
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = now()
            for _ in 0..<iterations { body() }
            best = min(best, seconds(since: start) / Double(iterations))
        }
        return best
    }

    /// Logical cores of this machine.
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// True in a build without optimisation (`swift build` without `-c release`).
    static var isDebugBuild: Bool {
        #if DEBUG
        true
        #else
        false
        #endif
    }

    /// "release", or "debug" in a build without optimisation.
    static var buildConfiguration: String { isDebugBuild ? "debug" : "release" }

    /// What a debug build prints on stderr before it measures anything.
    static let debugBuildWarning = "a3c-bench: warning: this is a debug build, without optimisation: its figures are " +
        "many times slower than a release build's and do not represent this code. Build and run it with " +
        "`swift run -c release a3c-bench` (or `swift build -c release` and `.build/release/a3c-bench`)."

    /// What machine and build the figures come from.
    static var machine: String {
        let configuration = isDebugBuild ? "debug (figures are not representative: use -c release)" : "release"
        return "\(cores) cores, build: \(configuration), OpenBLAS kernels: \(BLAS.kernels)"
    }

    /// The settings every figure depends on, recorded in the JSON output as `meta`: build
    /// configuration, cores, memory, date, the git commit of the working directory when there is one.
    static func metadata() -> [String: Any] {
        var meta: [String: Any] = [
            "build_configuration": buildConfiguration,
            "cores": cores,
            "memory_bytes": Double(ProcessInfo.processInfo.physicalMemory),
            "date": ISO8601DateFormatter().string(from: Date()),
            "elementwise_kernels": FastMath.usesAVX2 ? "AVX2+FMA" : "portable",
            "openblas_kernels": BLAS.kernels,
            "os": ProcessInfo.processInfo.operatingSystemVersionString,
        ]
        if let commit = gitCommit() { meta["git_commit"] = commit }
        return meta
    }

    /// The commit checked out in the current directory (with "-dirty" if files differ), or nil
    /// when there is no git or no repository.
    static func gitCommit() -> String? {
        guard let head = run("/usr/bin/env", ["git", "rev-parse", "HEAD"]), !head.isEmpty else { return nil }
        let dirty = run("/usr/bin/env", ["git", "status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
        return head + (dirty ? "-dirty" : "")
    }

    /// The trimmed standard output of a command that exits with 0, or nil.
    static func run(_ executable: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The `steps_per_second` of the JSON object a peers script (`Benchmarks/peers/SCRIPT`) prints on its
    /// last line; throws `failure` when the script fails or prints no such line.
    static func pythonRate(_ python: String, script: String, _ arguments: [String], failure: String) throws -> Double {
        let path = PeersBenchmark.scriptsDirectory.appendingPathComponent(script).path
        guard let output = run(python, [path] + arguments),
              let line = output.split(separator: "\n").last,
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let rate = object["steps_per_second"] as? Double else {
            throw ValidationError("\(path) \(arguments.joined(separator: " ")) failed with \(python); \(failure)")
        }
        return rate
    }

    /// Resets the process's peak resident memory (Linux: `clear_refs` 5), so that the next
    /// `peakResidentBytes()` measures only what follows. Returns false where that is not possible.
    @discardableResult
    static func resetPeakResident() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
        return true
    }

    /// The process's peak resident memory in bytes since the start or the last `resetPeakResident()`
    /// (Linux: VmHWM in /proc/self/status), or nil where it cannot be read.
    static func peakResidentBytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 2, let kilobytes = Double(fields[1]) else { return nil }
        return kilobytes * 1024
    }

    /// Bytes in MB (10⁶), one decimal below 100.
    static func megabytes(_ bytes: Double) -> String {
        let mb = bytes / 1e6
        return mb < 100 ? mb.formatted(1) : mb.formatted(0)
    }

    /// The Markdown heading every section starts with: its title and `machine`.
    static func heading(_ title: String) -> String { "## \(title) (\(machine))\n" }

    /// `heading(title)`, a blank line and the `table`, ending in a newline.
    static func tableSection(_ title: String, _ header: [String], _ rows: [[String]]) -> String {
        heading(title) + "\n" + table(header, rows) + "\n"
    }

    /// A Markdown table: the first column (the names) left-aligned, the others (the figures) right-aligned.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var lines = ["| " + header.joined(separator: " | ") + " |",
                     "|---|" + header.dropFirst().map { _ in "---:" }.joined(separator: "|") + "|"]
        lines += rows.map { "| " + $0.joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }

    /// A ratio to three significant digits, so that 1/260 shows as `0.00385×`, not `0.00×`.
    static func ratio(_ value: Double) -> String { String(format: "%.3g×", value) }

    /// A count or rate with a k or M suffix: `31.9M`, `412k`, `4.7k`, `815`.
    static func compact(_ value: Double) -> String {
        switch abs(value) {
        case 1e6...: return String(format: "%.1fM", value / 1e6)
        case 1e4...: return String(format: "%.0fk", value / 1e3)
        case 1e3...: return String(format: "%.1fk", value / 1e3)
        default: return String(format: "%.0f", value)
        }
    }

    /// `count` and `noun`, with an "s" unless the count is 1: `1 worker`, `2 workers`.
    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    /// Seconds with two significant digits below 10 s: `0.037`, `0.42`, `3.1`, `118`.
    static func duration(_ seconds: Double) -> String {
        switch seconds {
        case ..<0.1: return seconds.formatted(3)
        case ..<1: return seconds.formatted(2)
        case ..<10: return seconds.formatted(1)
        default: return seconds.formatted(0)
        }
    }

    /// `value` as a JSON object tree (dictionaries, arrays, numbers, strings), for `writeJSON`.
    static func jsonObject<T: Encodable>(_ value: T) throws -> Any {
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
    }

    /// Writes `figures` and `metadata()` (as `meta`) as pretty-printed JSON to `path` (via a
    /// temporary file, then rename).
    static func writeJSON(_ figures: [String: Any], to path: String) throws {
        var figures = figures
        figures["meta"] = metadata()
        let data = try JSONSerialization.data(withJSONObject: figures, options: [.prettyPrinted, .sortedKeys])
        try write(data, to: URL(fileURLWithPath: path))
    }

    /// Writes one section's `figures` as `{section: figures}` to `path`, if a path was given.
    static func writeJSON<Figures: Encodable>(section: String, _ figures: Figures, to path: String?) throws {
        guard let path else { return }
        try writeJSON([section: jsonObject(figures)], to: path)
    }

    /// Writes `data` to `url` atomically: a temporary file beside it, then rename.
    static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    /// A line on stderr, so that a long run is never silent and stdout stays Markdown.
    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("[a3c-bench] \(message)\n".utf8))
    }
}

/// Median, minimum and maximum of a sample.
struct Spread: Codable {
    var median: Double
    var min: Double
    var max: Double

    /// The spread of `values`, or nil if there are none.
    init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        min = sorted[0]
        max = sorted[sorted.count - 1]
    }

    /// `median (min–max)`, each value through `format`.
    func formatted(_ format: (Double) -> String) -> String {
        "\(format(median)) (\(format(min))–\(format(max)))"
    }
}

extension Double {
    /// Fixed-point with `digits` decimals.
    func formatted(_ digits: Int) -> String { String(format: "%.\(digits)f", self) }
}
