import Agents
import Engine
import Foundation
import SwiftProtobuf

extension Export {
    /// ONNX's operator set the exported graphs use (IR version 8).
    public static let onnxOpset: Int64 = 17

    /// An ONNX model (opset 17) of `model`'s policy and value, serialised.
    ///
    /// Inputs: `observation` [N, observation size] (raw: the normalisation is inside the graph) and,
    /// for a recurrent network, `state` [N, state size] (h then c of each LSTM layer, zeros at an
    /// episode's start). Outputs: `action` (discrete: the most probable index, int64 [N]; continuous:
    /// the Gaussian mean [N, d]), `logits` or `mean`, `value` [N] and, recurrent, `state_out`.
    /// Convolutions run in ONNX's NCHW on a transposed copy of the channels-last input.
    public static func onnx(_ model: TrainedModel, origin: Origin = Origin()) throws(ExportError) -> Data {
        let layout = try checkedLayout(model)
        var graph = ONNXGraph(model: model, layout: layout)
        let proto = graph.build()
        var file = Onnx_ModelProto()
        file.irVersion = 8
        file.producerName = "a3c-swift"
        file.producerVersion = "checkpoint format \(Checkpoint.formatVersion)"
        file.docString = "The deterministic policy and value of a network trained on \(model.envID) by a3c-swift"
        var opset = Onnx_OperatorSetIdProto()
        opset.domain = ""
        opset.version = onnxOpset
        file.opsetImport = [opset]
        file.graph = proto
        var metadata: [(String, String)] = [("env_id", model.envID), ("trained_steps", "\(model.steps)"),
                                            ("state_size", "\(layout.stateWidth)")]
        if let checkpoint = origin.checkpoint { metadata.append(("checkpoint", checkpoint)) }
        if let space = origin.observationSpace { metadata.append(("observation_space", space)) }
        if let space = origin.actionSpace { metadata.append(("action_space", space)) }
        file.metadataProps = metadata.map { key, value in
            var entry = Onnx_StringStringEntryProto()
            entry.key = key
            entry.value = value
            return entry
        }
        do { return try file.serializedData() } catch {
            throw .invalidModel(reason: "the ONNX model could not be serialised: \(error)")
        }
    }
}

/// Builds the graph node by node, in the order `ActorCriticNetwork.forward` runs its layers.
struct ONNXGraph {
    let model: TrainedModel
    let layout: ParameterLayout
    var graph = Onnx_GraphProto()
    private var names = 0

    init(model: TrainedModel, layout: ParameterLayout) {
        self.model = model
        self.layout = layout
    }

    mutating func build() -> Onnx_GraphProto {
        let a = model.architecture
        graph.name = "policy"
        graph.input.append(valueInfo("observation", type: .float, shape: ["N", "\(a.observationSize)"]))
        if layout.isRecurrent { graph.input.append(valueInfo("state", type: .float, shape: ["N", "\(layout.stateWidth)"])) }

        var x = "observation"
        if let scaler = model.observationStatistics?.scaler {
            let shifted = node("Sub", [x, floats("observation_shift", scaler.shift, shape: [a.observationSize])])
            let scaled = node("Mul", [shifted, floats("observation_scale", scaler.scale, shape: [a.observationSize])])
            let clip = ObservationScaler.clip
            x = node("Clip", [scaled, floats("clip_low", [-clip], shape: []), floats("clip_high", [clip], shape: [])])
        }
        var stateOutputs: [String] = []
        for (index, stage) in layout.torso.enumerated() {
            let prefix = "torso.\(layerIndex(ofStage: index))"
            switch stage {
            case .dense(let l):
                x = activate(dense(l, prefix: prefix, x))
            case .conv2d(let c):
                x = activate(conv(c, prefix: prefix, x))
            case .lstm(let l):
                let (h, c) = lstm(l, prefix: prefix, x)
                x = h
                stateOutputs += [h, c]
            }
        }
        for (i, l) in layout.trunk.enumerated() { x = activate(dense(l, prefix: "trunk.\(i)", x)) }
        let head = tower(layout.actor, prefix: "actor", from: x)
        let value = tower(layout.critic, prefix: "critic", from: x)
        switch a.policy {
        case .categorical(let n):
            _ = node("Identity", [head], output: "logits")
            _ = node("ArgMax", [head], attributes: [int("axis", 1), int("keepdims", 0)], output: "action")
            graph.output.append(valueInfo("action", type: .int64, shape: ["N"]))
            graph.output.append(valueInfo("logits", type: .float, shape: ["N", "\(n)"]))
        case .gaussian(let d, _):
            _ = node("Identity", [head], output: "mean")
            _ = node("Identity", [head], output: "action")
            graph.output.append(valueInfo("action", type: .float, shape: ["N", "\(d)"]))
            graph.output.append(valueInfo("mean", type: .float, shape: ["N", "\(d)"]))
        }
        _ = node("Squeeze", [value, int64s("axis_1", [1])], output: "value")
        graph.output.append(valueInfo("value", type: .float, shape: ["N"]))
        if layout.isRecurrent {
            _ = node("Concat", stateOutputs, attributes: [int("axis", 1)], output: "state_out")
            graph.output.append(valueInfo("state_out", type: .float, shape: ["N", "\(layout.stateWidth)"]))
        }
        return graph
    }

    /// The architecture's index of the `stage`-th layer with parameters (flatten has none), which
    /// names its tensors in the layout.
    func layerIndex(ofStage stage: Int) -> Int {
        model.architecture.torso.indices.filter { model.architecture.torso[$0] != .flatten }[stage]
    }

    mutating func tower(_ layers: [Linear], prefix: String, from input: String) -> String {
        var x = input
        for (i, l) in layers.enumerated() {
            x = dense(l, prefix: "\(prefix).\(i)", x)
            if i < layers.count - 1 { x = activate(x) }
        }
        return x
    }

    mutating func dense(_ l: Linear, prefix: String, _ x: String) -> String {
        let w = parameters(prefix + ".weight", from: l.offset, shape: [l.outputs, l.inputs])
        let b = parameters(prefix + ".bias", from: l.biasOffset, shape: [l.outputs])
        return node("Gemm", [x, w, b], attributes: [int("transB", 1)])
    }

    /// Channels-last rows → NCHW, ONNX's Conv, back to channels-last rows.
    mutating func conv(_ c: Conv2D, prefix: String, _ x: String) -> String {
        let p = model.parameters
        var weights = [Float](repeating: 0, count: c.filters * c.patchSize)
        for f in 0..<c.filters {
            for ky in 0..<c.kernel {
                for kx in 0..<c.kernel {
                    for ch in 0..<c.channels {
                        let ours = c.offset + f * c.patchSize + (ky * c.kernel + kx) * c.channels + ch
                        weights[((f * c.channels + ch) * c.kernel + ky) * c.kernel + kx] = p[ours]
                    }
                }
            }
        }
        let w = floats(prefix + ".weight", weights, shape: [c.filters, c.channels, c.kernel, c.kernel])
        let b = parameters(prefix + ".bias", from: c.patchLayer.biasOffset, shape: [c.filters])
        let image = node("Reshape", [x, int64s(prefix + ".input_shape", [-1, c.height, c.width, c.channels])])
        let nchw = node("Transpose", [image], attributes: [ints("perm", [0, 3, 1, 2])])
        let y = node("Conv", [nchw, w, b], attributes: [ints("kernel_shape", [c.kernel, c.kernel]), ints("strides", [c.stride, c.stride])])
        let nhwc = node("Transpose", [y], attributes: [ints("perm", [0, 2, 3, 1])])
        return node("Reshape", [nhwc, int64s(prefix + ".output_shape", [-1, c.outputSize])])
    }

    /// ONNX's LSTM over one step from this layer's slice of `state`; gates reordered from
    /// PyTorch's (i, f, g, o) to ONNX's (i, o, f, c). Returns h and c, [N, units] each.
    mutating func lstm(_ l: LSTM, prefix: String, _ x: String) -> (h: String, c: String) {
        let n = l.units, p = model.parameters
        func reordered(_ offset: Int, columns: Int) -> [Float] {
            let gateSize = n * columns
            var values: [Float] = []
            values.reserveCapacity(4 * gateSize)
            for gate in [0, 3, 1, 2] {
                let start = offset + gate * gateSize
                values += p[start..<(start + gateSize)]
            }
            return values
        }
        let w = floats(prefix + ".weight_ih", reordered(l.weightIHOffset, columns: l.inputs), shape: [1, 4 * n, l.inputs])
        let r = floats(prefix + ".weight_hh", reordered(l.weightHHOffset, columns: n), shape: [1, 4 * n, n])
        let b = floats(prefix + ".bias", reordered(l.biasIHOffset, columns: 1) + reordered(l.biasHHOffset, columns: 1), shape: [1, 8 * n])
        let axis0 = int64s("axis_0", [0]), axis1 = int64s("axis_1", [1])
        func slice(_ start: Int) -> String {
            let part = node("Slice", ["state", int64s("\(prefix).state_\(start)", [start]), int64s("\(prefix).state_\(start + n)", [start + n]), axis1])
            return node("Unsqueeze", [part, axis0])
        }
        let sequence = node("Unsqueeze", [x, axis0])
        let outputs = node("LSTM", [sequence, w, r, b, "", slice(l.stateOffset), slice(l.stateOffset + n)],
                           attributes: [int("hidden_size", n)], outputs: 3)
        return (node("Squeeze", [outputs[1], axis0]), node("Squeeze", [outputs[2], axis0]))
    }

    mutating func activate(_ x: String) -> String {
        switch model.architecture.activation {
        case .identity: x
        case .relu: node("Relu", [x])
        case .tanh: node("Tanh", [x])
        case .silu: node("Mul", [x, node("Sigmoid", [x])])
        }
    }

    // MARK: Graph pieces

    /// Adds a node; returns its first output (named `output` or a fresh name).
    mutating func node(_ op: String, _ inputs: [String], attributes: [Onnx_AttributeProto] = [], output: String? = nil) -> String {
        node(op, inputs, attributes: attributes, outputs: 1, output: output)[0]
    }

    mutating func node(_ op: String, _ inputs: [String], attributes: [Onnx_AttributeProto] = [], outputs count: Int,
                       output: String? = nil) -> [String] {
        names += 1
        var n = Onnx_NodeProto()
        n.opType = op
        n.name = "\(op)_\(names)"
        n.input = inputs
        n.output = count == 1 && output != nil ? [output!] : (0..<count).map { "\(op.lowercased())_\(names)_\($0)" }
        n.attribute = attributes
        graph.node.append(n)
        return n.output
    }

    /// An initializer holding the layout's tensor values from `offset`.
    mutating func parameters(_ name: String, from offset: Int, shape: [Int]) -> String {
        floats(name, Array(model.parameters[offset..<(offset + shape.reduce(1, *))]), shape: shape)
    }

    mutating func floats(_ name: String, _ values: [Float], shape: [Int]) -> String {
        var bytes = Data(capacity: 4 * values.count)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        return initializer(name, type: .float, shape: shape, bytes: bytes)
    }

    mutating func int64s(_ name: String, _ values: [Int]) -> String {
        var bytes = Data(capacity: 8 * values.count)
        for v in values { withUnsafeBytes(of: Int64(v).littleEndian) { bytes.append(contentsOf: $0) } }
        return initializer(name, type: .int64, shape: [values.count], bytes: bytes)
    }

    /// Adds a constant tensor of little-endian `bytes` once; a second call with its name reuses it.
    mutating func initializer(_ name: String, type: Onnx_TensorProto.DataType, shape: [Int], bytes: Data) -> String {
        guard !graph.initializer.contains(where: { $0.name == name }) else { return name }
        var t = Onnx_TensorProto()
        t.name = name
        t.dims = shape.map(Int64.init)
        t.dataType = Int32(type.rawValue)
        t.rawData = bytes
        graph.initializer.append(t)
        return name
    }

    func int(_ name: String, _ value: Int) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .int
        attribute.i = Int64(value)
        return attribute
    }

    func ints(_ name: String, _ values: [Int]) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .ints
        attribute.ints = values.map(Int64.init)
        return attribute
    }

    /// A typed graph input or output; a dimension that is not a number (`N`) is symbolic.
    func valueInfo(_ name: String, type: Onnx_TensorProto.DataType, shape: [String]) -> Onnx_ValueInfoProto {
        var tensor = Onnx_TypeProto.Tensor()
        tensor.elemType = Int32(type.rawValue)
        var s = Onnx_TensorShapeProto()
        s.dim = shape.map { d in
            var dimension = Onnx_TensorShapeProto.Dimension()
            if let value = Int64(d) { dimension.dimValue = value } else { dimension.dimParam = d }
            return dimension
        }
        tensor.shape = s
        var info = Onnx_ValueInfoProto()
        info.name = name
        info.type.tensorType = tensor
        return info
    }
}
