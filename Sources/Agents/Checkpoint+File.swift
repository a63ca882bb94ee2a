import Foundation
import Engine

extension Checkpoint {
    /// The JSON layout. Float vectors are little-endian float32 in base64 with an FNV-1a checksum;
    /// `training` is absent in format 1 and for a model that was not trained here; `tensors`
    /// (the manifest) before format 3.
    struct File: Codable {
        var format: String
        var version: Int
        var envID: String
        var architecture: Architecture
        var parameterCount: Int
        var tensors: [ParameterLayout.Tensor]?
        var parameters: String
        var checksum: String
        var observationStatistics: RunningMeanStd?
        var hyperparameters: Hyperparameters
        var steps: Int
        var training: Training?

        struct Training: Codable {
            var updates: Int
            var episodes: Int
            var seconds: Double
            var recentReturns: [Double]
            var optimizer: Optimizer?
            var bestEvaluationReturn: Double?
        }

        struct Optimizer: Codable {
            var stepCount: Int
            var firstMoment: String
            var secondMoment: String
            /// Of the first moment's bytes followed by the second's.
            var checksum: String
        }
    }
}

extension Checkpoint.File {
    init(_ model: TrainedModel) {
        let bytes = Self.bytes(model.parameters)
        self.init(format: Checkpoint.formatName, version: Checkpoint.formatVersion, envID: model.envID,
                  architecture: model.architecture, parameterCount: model.parameters.count,
                  tensors: (try? ParameterLayout(model.architecture))?.tensors,
                  parameters: bytes.base64EncodedString(), checksum: Self.checksum(bytes),
                  observationStatistics: model.observationStatistics, hyperparameters: model.hyperparameters,
                  steps: model.steps, training: model.progress.map(Training.init))
    }

    /// The model, after every check that needs no environment; `path` names the file in errors.
    func model(path: String) throws(CheckpointError) -> TrainedModel {
        func invalid(_ reason: String) -> CheckpointError { .invalid(path: path, reason: reason) }
        guard format == Checkpoint.formatName else { throw .corrupt(path: path, reason: "format tag is \"\(format)\"") }
        guard Checkpoint.readableVersions.contains(version) else {
            throw .unsupportedVersion(path: path, found: version, supported: Checkpoint.readableVersions)
        }
        guard !envID.isEmpty else { throw invalid("envID is empty") }
        guard parameterCount > 0 else { throw invalid("parameterCount must be positive, got \(parameterCount)") }
        let layout: ParameterLayout
        do { layout = try ParameterLayout(architecture) } catch { throw invalid("architecture: \(error.description)") }
        guard parameterCount == layout.count else {
            throw .mismatch(path: path, reason: "parameterCount is \(parameterCount), its architecture has \(layout.count) parameters")
        }
        if version >= 3 {
            guard let tensors else { throw .corrupt(path: path, reason: "format \(version) needs the tensor manifest \"tensors\"") }
            guard tensors == layout.tensors else {
                let first = zip(tensors, layout.tensors).first { $0 != $1 }
                throw .mismatch(path: path, reason: "the tensor manifest does not match the architecture's layout" +
                                (first.map { ": \($0.0.name) \($0.0.shape) at \($0.0.offset), expected \($0.1.name) \($0.1.shape) at \($0.1.offset)" }
                                    ?? " (\(tensors.count) tensors, expected \(layout.tensors.count))"))
            }
        }
        let parameters = try Self.floats(self.parameters, count: parameterCount, checksum: checksum, name: "parameter", path: path)
        guard parameters.allSatisfy(\.isFinite) else { throw .corrupt(path: path, reason: "parameters contain NaN or infinity") }
        if let statistics = observationStatistics {
            try Self.check(statistics, observationSize: architecture.observationSize, path: path)
        }
        do { try hyperparameters.validate() } catch { throw invalid("saved hyperparameters: \(error.description)") }
        guard steps >= 0 else { throw invalid("steps must be non-negative, got \(steps)") }
        let progress = try training.map { training throws(CheckpointError) in
            try training.progress(parameterCount: parameterCount, rule: hyperparameters.optimizer, path: path)
        }
        return TrainedModel(envID: envID, architecture: architecture, parameters: parameters,
                            observationStatistics: observationStatistics, hyperparameters: hyperparameters,
                            steps: steps, progress: progress)
    }

    /// Statistics for `observationSize` inputs: lengths equal, values finite, variances and count non-negative.
    static func check(_ s: RunningMeanStd, observationSize: Int, path: String) throws(CheckpointError) {
        func invalid(_ reason: String) -> CheckpointError { .invalid(path: path, reason: "observation statistics: " + reason) }
        guard s.count.isFinite && s.count >= 0 else { throw invalid("count must be finite and non-negative, got \(s.count)") }
        guard s.mean.count == observationSize else {
            throw invalid("mean has \(s.mean.count) components, the network has \(observationSize) inputs")
        }
        guard s.variance.count == observationSize else {
            throw invalid("variance has \(s.variance.count) components, the network has \(observationSize) inputs")
        }
        guard s.mean.allSatisfy(\.isFinite) else { throw invalid("mean contains NaN or infinity") }
        guard s.variance.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw invalid("every variance must be finite and non-negative, got \(s.variance.first { !($0.isFinite && $0 >= 0) }!)")
        }
    }

    static func bytes(_ values: [Float]) -> Data {
        var data = Data(capacity: values.count * 4)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// `count` float32 values from base64 text, after checking its length and checksum (no
    /// allocation beyond the decoded text, which the file's size bounds).
    static func floats(_ text: String, count: Int, checksum expected: String, name: String, path: String) throws(CheckpointError) -> [Float] {
        guard let bytes = Data(base64Encoded: text) else { throw .corrupt(path: path, reason: "\(name) data is not base64") }
        guard bytes.count % 4 == 0, bytes.count / 4 == count else {
            throw .corrupt(path: path, reason: "\(name) data holds \(bytes.count) bytes, \(count) float32 values need 4 each")
        }
        guard checksum(bytes) == expected else { throw .corrupt(path: path, reason: "\(name) checksum does not match") }
        return floats(bytes)
    }

    static func floats(_ bytes: Data) -> [Float] {
        bytes.withUnsafeBytes { raw in
            (0..<(bytes.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }

    /// FNV-1a 64 of the bytes, as hex digits.
    static func checksum(_ bytes: Data) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return String(hash, radix: 16)
    }
}

extension Checkpoint.File.Training {
    init(_ progress: TrainingProgress) {
        self.init(updates: progress.updates, episodes: progress.episodes, seconds: progress.seconds,
                  recentReturns: progress.recentReturns, optimizer: progress.optimizer.map(Checkpoint.File.Optimizer.init),
                  bestEvaluationReturn: progress.bestEvaluationReturn)
    }

    func progress(parameterCount: Int, rule: OptimizerRule, path: String) throws(CheckpointError) -> TrainingProgress {
        func invalid(_ reason: String) -> CheckpointError { .invalid(path: path, reason: "training." + reason) }
        guard updates >= 0 else { throw invalid("updates must be non-negative, got \(updates)") }
        guard episodes >= 0 else { throw invalid("episodes must be non-negative, got \(episodes)") }
        guard seconds.isFinite && seconds >= 0 else { throw invalid("seconds must be finite and non-negative, got \(seconds)") }
        guard recentReturns.count <= TrainingProgress.windowSize, recentReturns.count <= episodes else {
            throw invalid("recentReturns holds \(recentReturns.count) returns; at most \(TrainingProgress.windowSize) and at most episodes (\(episodes))")
        }
        guard recentReturns.allSatisfy(\.isFinite) else { throw invalid("recentReturns contains NaN or infinity") }
        guard bestEvaluationReturn?.isFinite ?? true else { throw invalid("bestEvaluationReturn must be finite, got \(bestEvaluationReturn!)") }
        let optimizer = try self.optimizer.map { o throws(CheckpointError) in try o.state(parameterCount: parameterCount, rule: rule, path: path) }
        return TrainingProgress(updates: updates, episodes: episodes, seconds: seconds, recentReturns: recentReturns, optimizer: optimizer,
                                bestEvaluationReturn: bestEvaluationReturn)
    }
}

extension Checkpoint.File.Optimizer {
    init(_ state: OptimizerState) {
        let first = Checkpoint.File.bytes(state.firstMoment), second = Checkpoint.File.bytes(state.secondMoment)
        self.init(stepCount: state.stepCount, firstMoment: first.base64EncodedString(), secondMoment: second.base64EncodedString(),
                  checksum: Checkpoint.File.checksum(first + second))
    }

    func state(parameterCount: Int, rule: OptimizerRule, path: String) throws(CheckpointError) -> OptimizerState {
        func invalid(_ reason: String) -> CheckpointError { .invalid(path: path, reason: "training.optimizer." + reason) }
        guard stepCount >= 0 else { throw invalid("stepCount must be non-negative, got \(stepCount)") }
        guard let first = Data(base64Encoded: firstMoment), let second = Data(base64Encoded: secondMoment) else {
            throw .corrupt(path: path, reason: "optimizer moments are not base64")
        }
        for (name, bytes) in [("firstMoment", first), ("secondMoment", second)] where bytes.count % 4 != 0 || bytes.count / 4 != parameterCount {
            throw .corrupt(path: path, reason: "optimizer \(name) holds \(bytes.count) bytes, \(parameterCount) float32 values need 4 each")
        }
        guard Checkpoint.File.checksum(first + second) == checksum else { throw .corrupt(path: path, reason: "optimizer checksum does not match") }
        let m = Checkpoint.File.floats(first), v = Checkpoint.File.floats(second)
        guard m.allSatisfy(\.isFinite), v.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw invalid("moments must be finite and the second moment non-negative")
        }
        if case .rmsprop = rule, !m.allSatisfy({ $0 >= 0 }) { throw invalid("RMSProp's mean square must be non-negative") }
        return OptimizerState(stepCount: stepCount, firstMoment: m, secondMoment: v)
    }
}
