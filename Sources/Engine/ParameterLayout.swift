/// Where every tensor of an `Architecture` lives in the flat parameter buffer: computed once, here,
/// with every size checked, and read by the network, the checkpoint checks and (through the
/// checkpoint's manifest) outside readers.
///
/// Order: the torso's layers, then the shared trunk (if any), the actor's layers ending in the policy
/// head, the critic's ending in the value head, and the Gaussian log-std. A dense-only network has
/// no torso, so its order is the one every earlier checkpoint used.
public struct ParameterLayout: Sendable, Equatable {
    /// One named tensor: `count` values from `offset`, row-major in `shape`.
    public struct Tensor: Codable, Equatable, Sendable {
        public var name: String
        public var shape: [Int]
        public var offset: Int

        public init(name: String, shape: [Int], offset: Int) {
            self.name = name
            self.shape = shape
            self.offset = offset
        }

        public var count: Int { shape.reduce(1, *) }
    }

    /// A torso layer with its input geometry resolved (flatten, which only reshapes, has none).
    public enum TorsoStage: Sendable, Equatable {
        case dense(Linear)
        case conv2d(Conv2D)
        case lstm(LSTM)

        public var inputSize: Int {
            switch self {
            case .dense(let l): l.inputs
            case .conv2d(let c): c.inputSize
            case .lstm(let l): l.inputs
            }
        }

        public var outputSize: Int {
            switch self {
            case .dense(let l): l.outputs
            case .conv2d(let c): c.outputSize
            case .lstm(let l): l.units
            }
        }
    }

    public let tensors: [Tensor]
    /// Parameters in all.
    public let count: Int
    public let torso: [TorsoStage]
    /// The shape after each torso layer, in the order of `Architecture.torso`.
    public let torsoShapes: [[Int]]
    /// Values of recurrent state per sequence: (h, c) of each LSTM layer.
    public let stateWidth: Int
    public let trunk: [Linear]
    public let actor: [Linear]
    public let critic: [Linear]
    public let logStdOffset: Int?

    /// The layout of `architecture`, after checking every size (all positive, within the bounds,
    /// shapes that fit, no overflow): a decoded architecture goes through this before anything is
    /// allocated for it.
    public init(_ architecture: Architecture) throws(ShapeError) {
        let a = architecture
        guard a.observationSize > 0 else { throw ShapeError("observation size must be positive, got \(a.observationSize)") }
        guard (1...3).contains(a.observationShape.count), a.observationShape.allSatisfy({ $0 > 0 }) else {
            throw ShapeError("observation shape must have 1 to 3 positive dimensions, got \(a.observationShape)")
        }
        guard Self.product(a.observationShape) == a.observationSize else {
            throw ShapeError("observation shape \(a.observationShape) does not hold \(a.observationSize) values")
        }
        switch a.policy {
        case .categorical(let n):
            guard n > 0 else { throw ShapeError("a categorical policy needs at least one action, got \(n)") }
        case let .gaussian(d, logStd):
            guard d > 0 else { throw ShapeError("a Gaussian policy needs at least one dimension, got \(d)") }
            guard logStd.isFinite else { throw ShapeError("the initial log-std must be finite, got \(logStd)") }
        }
        guard a.torso.count <= Architecture.maxTorsoLayers else {
            throw ShapeError("a torso has at most \(Architecture.maxTorsoLayers) layers, got \(a.torso.count)")
        }
        guard a.hidden.count <= Architecture.maxHiddenLayers, !(a.hidden.isEmpty && a.torso.isEmpty) else {
            throw ShapeError("a network has 1 to \(Architecture.maxHiddenLayers) hidden layers, got \(a.hidden.count) (none is allowed after a torso)")
        }
        guard a.hidden.allSatisfy({ $0 > 0 }) else { throw ShapeError("hidden layer widths must be positive, got \(a.hidden)") }

        let overflow = ShapeError("the network's parameter count overflows: observation \(a.observationShape), torso \(a.torso), hidden \(a.hidden), policy \(a.policy)")
        func multiply(_ x: Int, _ y: Int) throws(ShapeError) -> Int {
            let (p, over) = x.multipliedReportingOverflow(by: y)
            if over { throw overflow }
            return p
        }
        func size(_ shape: [Int]) throws(ShapeError) -> Int {
            var count = 1
            for d in shape { count = try multiply(count, d) }
            return count
        }
        var tensors: [Tensor] = [], offset = 0
        func add(_ name: String, _ shape: [Int]) throws(ShapeError) {
            let count = try size(shape)
            tensors.append(Tensor(name: name, shape: shape, offset: offset))
            let (sum, over) = offset.addingReportingOverflow(count)
            if over { throw overflow }
            offset = sum
        }
        func dense(_ prefix: String, _ inputs: Int, _ outputs: Int) throws(ShapeError) -> Linear {
            let start = offset
            try add(prefix + ".weight", [outputs, inputs])
            try add(prefix + ".bias", [outputs])
            return Linear(inputs: inputs, outputs: outputs, offset: start)
        }

        var shape = a.observationShape, stages: [TorsoStage] = [], shapes: [[Int]] = [], stateWidth = 0
        for (index, layer) in a.torso.enumerated() {
            let prefix = "torso.\(index)", width = try size(shape)
            switch layer {
            case .dense(let units):
                guard units > 0 else { throw ShapeError("torso layer \(index) (dense) needs positive units, got \(units)") }
                stages.append(.dense(try dense(prefix, width, units)))
                shape = [units]
            case let .conv2d(filters, kernel, stride):
                guard shape.count == 3 else {
                    throw ShapeError("torso layer \(index) (\(layer)) needs a (height, width, channels) input, got shape \(shape)")
                }
                guard filters > 0, kernel > 0, stride > 0 else {
                    throw ShapeError("torso layer \(index) (\(layer)): filters, kernel and stride must be positive")
                }
                guard kernel <= shape[0], kernel <= shape[1] else {
                    throw ShapeError("torso layer \(index) (\(layer)): a \(kernel)×\(kernel) kernel does not fit its \(shape[0])×\(shape[1]) input")
                }
                let start = offset
                try add(prefix + ".weight", [filters, kernel, kernel, shape[2]])
                try add(prefix + ".bias", [filters])
                let conv = Conv2D(height: shape[0], width: shape[1], channels: shape[2], filters: filters, kernel: kernel,
                                  stride: stride, offset: start)
                _ = try multiply(conv.positions, filters)
                stages.append(.conv2d(conv))
                shape = [conv.outHeight, conv.outWidth, filters]
            case .lstm(let units):
                guard units > 0 else { throw ShapeError("torso layer \(index) (lstm) needs positive units, got \(units)") }
                let start = offset, gates = try multiply(4, units)
                try add(prefix + ".weight_ih", [gates, width])
                try add(prefix + ".weight_hh", [gates, units])
                try add(prefix + ".bias_ih", [gates])
                try add(prefix + ".bias_hh", [gates])
                stages.append(.lstm(LSTM(inputs: width, units: units, offset: start, stateOffset: stateWidth)))
                stateWidth = try multiply(2, units) + stateWidth
                shape = [units]
            case .flatten:
                shape = [width]
            }
            shapes.append(shape)
        }
        var width = try size(shape)

        var trunk: [Linear] = [], actor: [Linear] = [], critic: [Linear] = []
        func tower(_ name: String, from inputs: Int, widths: [Int], head: Int) throws(ShapeError) -> [Linear] {
            var layers: [Linear] = [], w = inputs
            for (i, next) in widths.enumerated() {
                layers.append(try dense("\(name).\(i)", w, next))
                w = next
            }
            layers.append(try dense("\(name).\(widths.count)", w, head))
            return layers
        }
        if a.sharedTrunk {
            for (i, next) in a.hidden.enumerated() {
                trunk.append(try dense("trunk.\(i)", width, next))
                width = next
            }
            actor = try tower("actor", from: width, widths: [], head: a.policy.outputs)
            critic = try tower("critic", from: width, widths: [], head: 1)
        } else {
            actor = try tower("actor", from: width, widths: a.hidden, head: a.policy.outputs)
            critic = try tower("critic", from: width, widths: a.hidden, head: 1)
        }
        if case .gaussian(let d, _) = a.policy {
            logStdOffset = offset
            try add("log_std", [d])
        } else {
            logStdOffset = nil
        }
        self.tensors = tensors
        self.count = offset
        self.torso = stages
        self.torsoShapes = shapes
        self.stateWidth = stateWidth
        self.trunk = trunk
        self.actor = actor
        self.critic = critic
    }

    /// Scratch floats a network keeps per batch row (outputs, pre-activations, conv patches, LSTM
    /// buffers, gradients), an estimate within a small factor, for checking memory before allocating.
    public var scratchFloatsPerRow: Int {
        var total = 0
        for stage in torso {
            switch stage {
            case .dense(let l): total += 2 * l.outputs
            case .conv2d(let c): total += 2 * c.outputSize + 2 * c.positions * c.patchSize
            case .lstm(let l): total += 2 * l.gateCount + 7 * l.units
            }
        }
        let dense = trunk + actor + critic
        total += dense.reduce(0) { $0 + 2 * $1.outputs }
        let widest = (dense.map { max($0.inputs, $0.outputs) } + torso.map { max($0.inputSize, $0.outputSize) }).max() ?? 0
        return total + 4 * widest
    }

    /// The tensor called `name`, if the layout has one.
    public func tensor(_ name: String) -> Tensor? { tensors.first { $0.name == name } }

    /// Width of the features the torso hands to the trunk or towers.
    public var featureSize: Int { torso.last?.outputSize ?? trunkInputSize }

    var trunkInputSize: Int { (trunk.first ?? actor[0]).inputs }

    public var isRecurrent: Bool { stateWidth > 0 }

    /// The product of `values`, or nil when it overflows.
    public static func product(_ values: [Int]) -> Int? {
        var p = 1
        for d in values {
            let (q, over) = p.multipliedReportingOverflow(by: d)
            if over { return nil }
            p = q
        }
        return p
    }
}
