import Foundation
import Engine
import Environments

/// Why a checkpoint could not be written or read; nothing is changed when it is thrown.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case corrupt(path: String, reason: String)
    case unsupportedVersion(path: String, found: Int, supported: Int)
    case mismatch(path: String, reason: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read checkpoint \(path): \(reason)"
        case let .corrupt(path, reason): "checkpoint \(path) is corrupt or truncated: \(reason)"
        case let .unsupportedVersion(path, found, supported):
            "checkpoint \(path) has format version \(found); this build reads version \(supported)"
        case let .mismatch(path, reason): "checkpoint \(path) does not fit: \(reason)"
        case let .unwritable(path, reason): "cannot write checkpoint \(path): \(reason); any previous file there is unchanged"
        }
    }
}

/// One JSON file holding the format version, env id, architecture, parameters (little-endian
/// float32, base64, with an FNV-1a checksum), observation statistics and the hyperparameters.
/// Written to a temporary file in the same folder and renamed over the target, so a failed save
/// never destroys the previous good file.
public enum Checkpoint {
    public static let formatVersion = 1
    static let formatName = "a3c-swift checkpoint"

    struct File: Codable {
        var format: String
        var version: Int
        var envID: String
        var architecture: Architecture
        var parameterCount: Int
        var parameters: String
        var checksum: String
        var observationStatistics: RunningMeanStd?
        var hyperparameters: Hyperparameters
        var steps: Int
    }

    public static func save(_ model: TrainedModel, to path: String) throws(CheckpointError) {
        let bytes = model.parameters.withUnsafeBufferPointer { buffer in
            Data(buffer: UnsafeBufferPointer(start: buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) },
                                             count: buffer.count * 4))
        }
        let file = File(format: formatName, version: formatVersion, envID: model.envID, architecture: model.architecture,
                        parameterCount: model.parameters.count, parameters: bytes.base64EncodedString(),
                        checksum: checksum(bytes), observationStatistics: model.observationStatistics,
                        hyperparameters: model.hyperparameters, steps: model.steps)
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(file).write(to: temporary)
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

    public static func load(from path: String) throws(CheckpointError) -> TrainedModel {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? error.localizedDescription : "no such file")
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw .corrupt(path: path, reason: "not a readable checkpoint (\(decodingReason(error)))")
        }
        guard file.format == formatName else { throw .corrupt(path: path, reason: "format tag is \"\(file.format)\"") }
        guard file.version == formatVersion else {
            throw .unsupportedVersion(path: path, found: file.version, supported: formatVersion)
        }
        guard let bytes = Data(base64Encoded: file.parameters), bytes.count == file.parameterCount * 4 else {
            throw .corrupt(path: path, reason: "parameter data does not hold \(file.parameterCount) float32 values")
        }
        guard checksum(bytes) == file.checksum else { throw .corrupt(path: path, reason: "parameter checksum does not match") }
        let parameters = bytes.withUnsafeBytes { raw in (0..<file.parameterCount).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) } }
        guard parameters.allSatisfy(\.isFinite) else { throw .corrupt(path: path, reason: "parameters contain NaN or infinity") }

        let model = TrainedModel(envID: file.envID, architecture: file.architecture, parameters: parameters,
                                 observationStatistics: file.observationStatistics, hyperparameters: file.hyperparameters,
                                 steps: file.steps)
        try checkFits(model, path: path)
        return model
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

    /// FNV-1a 64 of the bytes, as 16 hex digits.
    static func checksum(_ bytes: Data) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return String(hash, radix: 16)
    }

    static func decodingReason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: return "\(error)"
        }
    }
}
