import SeededRandom

/// A policy-value network whose parameters and gradients each live in one flat `Float` buffer.
///
/// Layers are views (offsets) into those buffers, so copying the global parameters into a local
/// network is one `memcpy` and an optimiser step is one pass. Each instance owns its scratch
/// memory: use one instance per thread (it is a reference type and not `Sendable`).
///
/// Layout: trunk layers (shared by both heads, possibly none), then the actor's layers ending in
/// the policy head, then the critic's ending in the value head, then the Gaussian log-std.
public final class ActorCriticNetwork: DenseLayerStack {
    public let architecture: Architecture
    /// Every trainable value, in the layout above.
    public let parameters: UnsafeMutableBufferPointer<Float>
    /// ∂loss/∂parameters, same layout; `backward` accumulates into it.
    public let gradients: UnsafeMutableBufferPointer<Float>
    /// Where the Gaussian head's log-std vector starts, if the policy is Gaussian.
    public let logStdOffset: Int?
    /// How a single observation goes through each layer (see `SingleRowKernel`).
    public var singleRowKernel: SingleRowKernel = .vectorized

    @usableFromInline let layers: [Linear]
    @usableFromInline let activations: [Activation]
    @usableFromInline let trunk: Range<Int>
    @usableFromInline let actor: Range<Int>
    @usableFromInline let critic: Range<Int>

    /// Rows the scratch buffers hold; grows on demand.
    public private(set) var capacity = 0
    @usableFromInline var workspace: UnsafeMutableBufferPointer<Float> = .init(start: nil, count: 0)
    @usableFromInline var preActivations: [UnsafeMutablePointer<Float>] = []
    @usableFromInline var outputs: [UnsafeMutablePointer<Float>] = []
    @usableFromInline var scratchA: UnsafeMutablePointer<Float>!
    @usableFromInline var scratchB: UnsafeMutablePointer<Float>!
    @usableFromInline var featureGradient: UnsafeMutablePointer<Float>!
    /// Scratch for ∂loss/∂policyOutput and ∂loss/∂values, filled by the loss.
    @usableFromInline var policyGradientScratch: UnsafeMutablePointer<Float>!
    @usableFromInline var valueGradientScratch: UnsafeMutablePointer<Float>!

    /// A network with freshly initialised parameters (`architecture.initialization`), seeded.
    public convenience init(architecture: Architecture, seed: UInt64) {
        self.init(layoutOf: architecture)
        var rng = Xoshiro256(seed: seed)
        let hiddenGain = Float(2).squareRoot()
        let base = parameters.baseAddress!
        for l in layers.indices {
            let gain: Float = l == actor.upperBound - 1 ? 0.01 : l == critic.upperBound - 1 ? 1 : hiddenGain
            architecture.initialization.initialize(layers[l], gain: gain, rng: &rng, parameters: base)
        }
        if case let .gaussian(d, initialLogStd) = architecture.policy, let logStdOffset {
            (base + logStdOffset).update(repeating: initialLogStd, count: d)
        }
    }

    /// A network with the given parameters (e.g. from a checkpoint); the count must match the layout.
    /// The architecture's sizes are checked first (`checkedParameterCount`), so a decoded one that is
    /// invalid throws instead of trapping.
    public convenience init(architecture: Architecture, parameters values: [Float]) throws(ShapeError) {
        let expected = try architecture.checkedParameterCount()
        guard values.count == expected else {
            throw ShapeError("parameter vector of \(values.count) values does not match the architecture, which has \(expected)")
        }
        self.init(layoutOf: architecture)
        guard values.count == parameters.count else {
            throw ShapeError("parameter vector of \(values.count) values does not match the architecture, which has \(parameters.count)")
        }
        _ = parameters.update(fromContentsOf: values)
    }

    private init(layoutOf architecture: Architecture) {
        self.architecture = architecture
        var layers: [Linear] = [], activations: [Activation] = []
        var offset = 0
        func append(_ inputs: Int, _ outputs: Int, _ activation: Activation) {
            let layer = Linear(inputs: inputs, outputs: outputs, offset: offset)
            offset += layer.parameterCount
            layers.append(layer)
            activations.append(activation)
        }
        func tower(from inputs: Int, widths: [Int], head: Int) -> Range<Int> {
            let start = layers.count
            var width = inputs
            for w in widths { append(width, w, architecture.activation); width = w }
            append(width, head, .identity)
            return start..<layers.count
        }
        let obs = architecture.observationSize
        if architecture.sharedTrunk {
            var width = obs
            for w in architecture.hidden { append(width, w, architecture.activation); width = w }
            trunk = 0..<layers.count
            actor = tower(from: width, widths: [], head: architecture.policy.outputs)
            critic = tower(from: width, widths: [], head: 1)
        } else {
            trunk = 0..<0
            actor = tower(from: obs, widths: architecture.hidden, head: architecture.policy.outputs)
            critic = tower(from: obs, widths: architecture.hidden, head: 1)
        }
        if case let .gaussian(d, _) = architecture.policy {
            logStdOffset = offset
            offset += d
        } else {
            logStdOffset = nil
        }
        self.layers = layers
        self.activations = activations
        parameters = .allocate(capacity: offset)
        parameters.initialize(repeating: 0)
        gradients = .allocate(capacity: offset)
        gradients.initialize(repeating: 0)
        reserve(batch: 1)
    }

    deinit {
        parameters.deallocate()
        gradients.deallocate()
        workspace.deallocate()
    }

    public var parameterCount: Int { parameters.count }
    public var observationSize: Int { architecture.observationSize }
    public var policyOutputCount: Int { architecture.policy.outputs }

    /// Sizes the scratch memory for batches of up to `batch` rows (allocates only when growing).
    public func reserve(batch: Int) {
        precondition(batch >= 1, "batch size must be at least 1, got \(batch)")
        guard batch > capacity else { return }
        let featureWidth = trunk.isEmpty ? observationSize : layers[trunk.upperBound - 1].outputs
        var take = allocateLayerScratch(batch: batch, extra: batch * (featureWidth + policyOutputCount + 1))
        featureGradient = take(batch * featureWidth)
        policyGradientScratch = take(batch * policyOutputCount)
        valueGradientScratch = take(batch)
        capacity = batch
    }

    /// The policy head's outputs (logits or Gaussian means), one row of `policyOutputCount` per forward row.
    @inlinable public var policyOutput: UnsafeMutablePointer<Float> { outputs[actor.upperBound - 1] }
    /// The value head's outputs, one per forward row.
    @inlinable public var values: UnsafeMutablePointer<Float> { outputs[critic.upperBound - 1] }

    /// Runs `batch` observations (row-major `batch × observationSize`) through the network into
    /// scratch rows `firstRow ..< firstRow + batch`; results are at those rows of `policyOutput`
    /// and `values` until they are overwritten.
    ///
    /// A rollout acts one step at a time with `firstRow` = its step index; the update can then
    /// reuse those rows (`lossAndGradient(…, reusingForward: true)`) instead of running them again.
    @inlinable
    public func forward(observations: UnsafePointer<Float>, batch: Int, firstRow: Int = 0) {
        if firstRow + batch > capacity { reserve(batch: firstRow + batch) }
        let kernel = singleRowKernel
        let p = UnsafePointer(parameters.baseAddress!)
        var features = observations
        for l in trunk { features = layerForward(l, batch: batch, firstRow: firstRow, input: features, parameters: p, kernel: kernel) }
        var x = features
        for l in actor { x = layerForward(l, batch: batch, firstRow: firstRow, input: x, parameters: p, kernel: kernel) }
        x = features
        for l in critic { x = layerForward(l, batch: batch, firstRow: firstRow, input: x, parameters: p, kernel: kernel) }
    }

    /// Backpropagates ∂loss/∂policyOutput and ∂loss/∂values (from the last `forward` on the same
    /// `observations`) and adds the parameter gradients into `gradients`.
    @inlinable
    public func backward(observations: UnsafePointer<Float>, batch: Int,
                         policyGradient: UnsafePointer<Float>, valueGradient: UnsafePointer<Float>) {
        precondition(batch <= capacity, "backward of \(batch) rows needs a forward of the same rows first")
        let hasTrunk = !trunk.isEmpty
        let features = hasTrunk ? UnsafePointer(outputs[trunk.upperBound - 1]) : observations
        let dFeatures: UnsafeMutablePointer<Float>? = hasTrunk ? featureGradient : nil
        towerBackward(actor, batch: batch, input: features, outputGradient: policyGradient,
                      inputGradient: dFeatures, accumulate: false)
        towerBackward(critic, batch: batch, input: features, outputGradient: valueGradient,
                      inputGradient: dFeatures, accumulate: true)
        if hasTrunk {
            towerBackward(trunk, batch: batch, input: observations, outputGradient: featureGradient,
                          inputGradient: nil, accumulate: false)
        }
    }

    /// Sets every gradient to zero (one pass).
    @inlinable
    public func zeroGradients() {
        gradients.baseAddress!.update(repeating: 0, count: gradients.count)
    }

    /// Copies `parameterCount` values from `source` into the parameters (one `memcpy`).
    @inlinable
    public func loadParameters(from source: UnsafePointer<Float>) {
        parameters.baseAddress!.update(from: source, count: parameters.count)
    }

    /// The parameters as an array (for checkpoints and tests).
    public var parameterArray: [Float] { Array(parameters) }
}
