import FileOutput
import Foundation
import Engine
import Environments

/// Why a checkpoint could not be written or read; nothing is changed when it is thrown.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case corrupt(path: String, reason: String)
    case unsupportedVersion(path: String, found: Int, supported: ClosedRange<Int>)
    /// A value is out of its range (a size, a count, a statistic, a hyperparameter).
    case invalid(path: String, reason: String)
    case mismatch(path: String, reason: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read checkpoint \(path): \(reason)"
        case let .corrupt(path, reason): "checkpoint \(path) is corrupt or truncated: \(reason)"
        case let .unsupportedVersion(path, found, supported):
            "checkpoint \(path) has format version \(found); this build reads versions \(supported.lowerBound) to \(supported.upperBound)"
        case let .invalid(path, reason): "checkpoint \(path) holds an invalid value: \(reason)"
        case let .mismatch(path, reason): "checkpoint \(path) does not fit: \(reason)"
        case let .unwritable(path, reason): "cannot write checkpoint \(path): \(reason); any previous file there is unchanged"
        }
    }
}

/// One JSON file holding the format version, env id, architecture, parameters (little-endian
/// float32, base64, with an FNV-1a checksum), observation statistics, the hyperparameters and,
/// from format 2 on, the training progress with the optimiser's moments (to resume a run). Format 3
/// adds the torso and observation shape to the architecture and the tensor manifest (each tensor's
/// name, shape and offset in the parameters: `ParameterLayout`), so that an outside reader needs no
/// copy of the layout rules.
///
/// Saving writes a temporary `.NAME.PID.tmp` in the same folder and renames it over the target, so
/// a failed save never destroys the previous good file; the temporary files that an interrupted
/// save of a process no longer running left behind are removed by the next save.
/// Reading never traps: every size and count is checked before arithmetic or allocation, and every
/// problem is a `CheckpointError` that names the field and what was expected.
public enum Checkpoint {
    public static let formatVersion = 3
    /// Versions this build reads: 1 (no training progress), 2 (no torso or manifest) and 3.
    public static let readableVersions = 1...3
    static let formatName = "a3c-swift checkpoint"
    /// Largest file `load` reads (a checkpoint of a 10M-parameter network is about 160 MiB).
    public static let maxFileSize = 1 << 30

    /// Writes `model` to `path` atomically.
    public static func save(_ model: TrainedModel, to path: String) throws(CheckpointError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        removeStaleTemporaryFiles(of: url)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
            try encoder.encode(File(model)).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(path: path, reason: error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(path: path, reason: reason)
        }
    }

    /// Reads, checks and returns the model saved at `path`.
    public static func load(from path: String) throws(CheckpointError) -> TrainedModel {
        try decode(read(path), path: path)
    }

    /// Decodes and checks a checkpoint's bytes; `path` only names them in errors.
    public static func decode(_ data: Data, path: String = "(data)") throws(CheckpointError) -> TrainedModel {
        let file: File
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do { file = try decoder.decode(File.self, from: data) } catch {
            throw .corrupt(path: path, reason: "not a readable checkpoint (\(decodingReason(error)))")
        }
        let model = try file.model(path: path)
        try checkFits(model, path: path)
        return model
    }

    /// The file's bytes, after checking that it is a regular file of a sensible size.
    static func read(_ path: String) throws(CheckpointError) -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .unreadable(path: path, reason: errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .unreadable(path: path, reason: "it is a directory; give the checkpoint file written by `a3c train --save`")
        default: throw .unreadable(path: path, reason: "not a regular file")
        }
        guard Int(info.st_size) <= maxFileSize else {
            throw .unreadable(path: path, reason: "\(info.st_size) bytes is more than a checkpoint can be (\(maxFileSize) bytes)")
        }
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// Throws with `WritablePath`'s reason unless a checkpoint can be written at `path`; nothing is
    /// left behind: run before a long training.
    public static func checkWritable(_ path: String) throws(CheckpointError) {
        if let reason = WritablePath.problem(path) { throw .unwritable(path: path, reason: reason) }
    }

    /// Removes `.NAME.PID.tmp` files of `url` whose process no longer runs (left by a save that
    /// was killed between writing and renaming).
    static func removeStaleTemporaryFiles(of url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).", suffix = ".tmp"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) && name.count > prefix.count + suffix.count {
            let digits = name.dropFirst(prefix.count).dropLast(suffix.count)
            guard let pid = pid_t(digits), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    /// The architecture must match the parameter count and the environment's spaces.
    static func checkFits(_ model: TrainedModel, path: String) throws(CheckpointError) {
        let spec: EnvironmentSpec
        do { spec = try Registry.spec(model.envID) } catch {
            throw .mismatch(path: path, reason: "\(error.description); register a custom environment (Registry.register) before loading its checkpoints")
        }
        do { try model.checkFits(spec) } catch { throw .mismatch(path: path, reason: error.description) }
        do { _ = try model.makePolicy() } catch { throw .mismatch(path: path, reason: error.description) }
    }

    static func decodingReason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.keyNotFound(let key, let context):
            return "missing \"\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: return "\(error)"
        }
    }
}
