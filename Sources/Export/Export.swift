import Agents
import Engine
import FileOutput
import Foundation

/// Turns a trained model into files that act without Swift: a C99 source file (`c`, plus its
/// `cHeader`) or an ONNX model (`onnx`). Each checks the model first and throws `ExportError`;
/// `write(_:to:)` replaces a file only once the new one is complete.
public enum Export {
    /// The formats `a3c export --format` takes.
    public enum Format: String, Sendable, CaseIterable {
        case c
        case onnx

        /// The format called `name`, or an error listing the formats.
        public init(named name: String) throws(ExportError) {
            guard let format = Format(rawValue: name.lowercased()) else {
                throw .unsupportedFormat(name, supported: Format.allCases.map(\.rawValue))
            }
            self = format
        }
    }

    /// Where a model came from and what it acts in, for the exported file's description.
    public struct Origin: Sendable, Equatable {
        /// The checkpoint's path, if it was read from one.
        public var checkpoint: String?
        /// The environment's spaces as gymnasium prints them, when the environment is known.
        public var observationSpace: String?
        public var actionSpace: String?

        public init(checkpoint: String? = nil, observationSpace: String? = nil, actionSpace: String? = nil) {
            self.checkpoint = checkpoint
            self.observationSpace = observationSpace
            self.actionSpace = actionSpace
        }
    }

    /// Throws with `WritablePath`'s reason unless a file can be written at `path`. Call it
    /// before long work; nothing is left behind.
    public static func checkWritable(_ path: String) throws(ExportError) {
        if let reason = WritablePath.problem(path) { throw .unwritable(path: path, reason: reason) }
    }

    /// Writes `data` to `path` through a temporary file renamed over it: a failed write leaves no
    /// partial file and any previous file unchanged.
    public static func write(_ data: Data, to path: String) throws(ExportError) {
        try checkWritable(path)
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw .unwritable(path: path, reason: error.localizedDescription)
        }
    }

    /// The model's layout, after checking that its parameters fit it and that every value an
    /// exported policy reads is finite.
    static func checkedLayout(_ model: TrainedModel) throws(ExportError) -> ParameterLayout {
        let layout: ParameterLayout
        do { layout = try ParameterLayout(model.architecture) } catch { throw .invalidModel(reason: error.description) }
        guard model.parameters.count == layout.count else {
            throw .invalidModel(reason: "\(model.parameters.count) parameters for an architecture of \(layout.count)")
        }
        for tensor in layout.tensors {
            for i in 0..<tensor.count where !model.parameters[tensor.offset + i].isFinite {
                throw .nonFinite(tensor: tensor.name, index: i, value: model.parameters[tensor.offset + i])
            }
        }
        if let scaler = model.observationStatistics?.scaler {
            guard scaler.shift.count == model.architecture.observationSize else {
                throw .invalidModel(reason: "observation statistics of \(scaler.shift.count) values for observations of \(model.architecture.observationSize)")
            }
            for (name, values) in [("observation shift", scaler.shift), ("observation scale", scaler.scale)] {
                if let i = values.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(tensor: name, index: i, value: values[i]) }
            }
        }
        return layout
    }
}
