import SeededRandom

/// A policy-value network whose parameters and gradients each live in one flat `Float` buffer.
///
/// Layers are views (offsets) into those buffers, so copying the global parameters into a local
/// network is one `memcpy` and an optimiser step is one pass. Each instance owns its scratch
/// memory: use one instance per thread (it is a reference type and not `Sendable`).
///
/// A torso (conv, LSTM, dense layers, possibly none) feeds the trunk (shared hidden layers, possibly
/// none) or the actor's and critic's own hidden layers, ending in the policy and value heads; the
/// parameters are laid out in that order by `ParameterLayout`. A recurrent torso runs time-major
/// batches (row t·B + b is step t of sequence b) from a state the caller owns.
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

    /// Where each tensor lives in `parameters`.
    public let layout: ParameterLayout
    @usableFromInline let torso: Torso?
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
    /// ∂loss/∂(torso features) when a trunk sits between the torso and the heads.
    @usableFromInline var torsoGradient: UnsafeMutablePointer<Float>!
    /// Scratch for ∂loss/∂policyOutput and ∂loss/∂values, filled by the loss.
    @usableFromInline var policyGradientScratch: UnsafeMutablePointer<Float>!
    @usableFromInline var valueGradientScratch: UnsafeMutablePointer<Float>!

    /// A network with freshly initialised parameters (`architecture.initialization`), seeded.
    /// Torso layers draw first, then the trunk, actor and critic as in a dense-only network.
    public convenience init(architecture: Architecture, seed: UInt64) {
        let layout: ParameterLayout
        do { layout = try ParameterLayout(architecture) } catch { preconditionFailure("invalid architecture: \(error.description)") }
        self.init(architecture: architecture, layout: layout)
        var rng = Xoshiro256(seed: seed)
        let hiddenGain = Float(2).squareRoot()
        let base = parameters.baseAddress!
        for stage in layout.torso {
            switch stage {
            case .dense(let layer): architecture.initialization.initialize(layer, gain: hiddenGain, rng: &rng, parameters: base)
            case .conv2d(let conv): architecture.initialization.initialize(conv.patchLayer, gain: hiddenGain, rng: &rng, parameters: base)
            case .lstm(let lstm): architecture.initialization.initialize(lstm, rng: &rng, parameters: base)
            }
        }
        for l in layers.indices {
            let gain: Float = l == actor.upperBound - 1 ? 0.01 : l == critic.upperBound - 1 ? 1 : hiddenGain
            architecture.initialization.initialize(layers[l], gain: gain, rng: &rng, parameters: base)
        }
        if case let .gaussian(d, initialLogStd) = architecture.policy, let logStdOffset {
            (base + logStdOffset).update(repeating: initialLogStd, count: d)
        }
    }

    /// A network with the given parameters (e.g. from a checkpoint); the count must match the layout.
    /// The architecture's sizes are checked first (`ParameterLayout`), so a decoded one that is
    /// invalid throws instead of trapping.
    public convenience init(architecture: Architecture, parameters values: [Float]) throws(ShapeError) {
        let layout = try ParameterLayout(architecture)
        guard values.count == layout.count else {
            throw ShapeError("parameter vector of \(values.count) values does not match the architecture, which has \(layout.count)")
        }
        self.init(architecture: architecture, layout: layout)
        _ = parameters.update(fromContentsOf: values)
    }

    private init(architecture: Architecture, layout: ParameterLayout) {
        self.architecture = architecture
        self.layout = layout
        let hidden = architecture.activation
        layers = layout.trunk + layout.actor + layout.critic
        trunk = 0..<layout.trunk.count
        actor = trunk.upperBound..<(trunk.upperBound + layout.actor.count)
        critic = actor.upperBound..<layers.count
        activations = layout.trunk.map { _ in hidden }
            + layout.actor.indices.map { $0 == layout.actor.count - 1 ? .identity : hidden }
            + layout.critic.indices.map { $0 == layout.critic.count - 1 ? .identity : hidden }
        torso = layout.torso.isEmpty ? nil : Torso(layout: layout, activation: hidden)
        logStdOffset = layout.logStdOffset
        parameters = .allocate(capacity: layout.count)
        parameters.initialize(repeating: 0)
        gradients = .allocate(capacity: layout.count)
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
    /// Values of recurrent state per sequence ((h, c) of each LSTM layer); 0 for a feed-forward network.
    public var stateWidth: Int { layout.stateWidth }
    public var isRecurrent: Bool { layout.isRecurrent }
    public var policyOutputCount: Int { architecture.policy.outputs }

    /// Sizes the scratch memory for batches of up to `batch` rows (allocates only when growing).
    public func reserve(batch: Int) {
        precondition(batch >= 1, "batch size must be at least 1, got \(batch)")
        guard batch > capacity else { return }
        let torsoWidth = torso?.outputSize ?? 0
        let featureWidth = trunk.isEmpty ? layout.featureSize : layers[trunk.upperBound - 1].outputs
        var take = allocateLayerScratch(batch: batch, extra: batch * (featureWidth + torsoWidth + policyOutputCount + 1))
        featureGradient = take(batch * featureWidth)
        torsoGradient = take(batch * torsoWidth)
        torso?.reserve(rows: batch)
        policyGradientScratch = take(batch * policyOutputCount)
        valueGradientScratch = take(batch)
        capacity = batch
    }

    /// The policy head's outputs (logits or Gaussian means), one row of `policyOutputCount` per forward row.
    @inlinable public var policyOutput: UnsafeMutablePointer<Float> { outputs[actor.upperBound - 1] }
    /// The value head's outputs, one per forward row.
    @inlinable public var values: UnsafeMutablePointer<Float> { outputs[critic.upperBound - 1] }

    /// Width of the policy head's input, the actor's last features (gSDE's φ).
    public var policyFeatureCount: Int { layers[actor.upperBound - 1].inputs }

    /// The policy head's input at scratch row `row` of the last forward (gSDE's φ); `observation`
    /// is that row's input, the features when no layer comes before the head.
    @inlinable
    public func policyFeatures(row: Int, observation: UnsafePointer<Float>) -> UnsafePointer<Float> {
        let head = actor.upperBound - 1, width = layers[head].inputs
        if head > actor.lowerBound { return UnsafePointer(outputs[head - 1] + row * width) }
        if !trunk.isEmpty { return UnsafePointer(outputs[trunk.upperBound - 1] + row * width) }
        if let torso { return UnsafePointer(torso.output + row * width) }
        return observation
    }

    /// Runs `batch` observations (row-major `batch × observationSize`) through the network into
    /// scratch rows `firstRow ..< firstRow + batch`; results are at those rows of `policyOutput`
    /// and `values` until they are overwritten.
    ///
    /// A rollout acts one step at a time with `firstRow` = its step index; the update can then
    /// reuse those rows (`lossAndGradient(…, reusingForward: true)`) instead of running them again.
    ///
    /// A recurrent network takes the rows time-major, `sequences` per step (`batch` and `firstRow`
    /// multiples of it), from `state` (`sequences × stateWidth`: the state before these rows,
    /// advanced to the state after them); `episodeStarts[r]` ≠ 0 zeroes a sequence's state before
    /// row r of this call. A feed-forward network ignores all three.
    @inlinable
    public func forward(observations: UnsafePointer<Float>, batch: Int, firstRow: Int = 0, sequences: Int = 1,
                        state: UnsafeMutablePointer<Float>? = nil, episodeStarts: UnsafePointer<Float>? = nil) {
        if firstRow + batch > capacity { reserve(batch: firstRow + batch) }
        let kernel = singleRowKernel
        let p = UnsafePointer(parameters.baseAddress!)
        var features = observations
        if let torso {
            precondition(!isRecurrent || (batch % sequences == 0 && firstRow % sequences == 0),
                         "a recurrent forward takes whole steps of \(sequences) sequences, got \(batch) rows from row \(firstRow)")
            features = torso.forward(observations, batch: batch, firstRow: firstRow, sequences: sequences, state: state,
                                     episodeStarts: episodeStarts, parameters: p, kernel: kernel)
        }
        for l in trunk { features = layerForward(l, batch: batch, firstRow: firstRow, input: features, parameters: p, kernel: kernel) }
        var x = features
        for l in actor { x = layerForward(l, batch: batch, firstRow: firstRow, input: x, parameters: p, kernel: kernel) }
        x = features
        for l in critic { x = layerForward(l, batch: batch, firstRow: firstRow, input: x, parameters: p, kernel: kernel) }
    }

    /// Backpropagates ∂loss/∂policyOutput and ∂loss/∂values (from the forward of rows `0 ..< batch`
    /// of the same `observations`) and adds the parameter gradients into `gradients`. A recurrent
    /// torso backpropagates through time over the window (`sequences`, `episodeStarts` as in that
    /// forward, indexed from row 0), with no gradient into the state the window began with.
    @inlinable
    public func backward(observations: UnsafePointer<Float>, batch: Int, sequences: Int = 1,
                         episodeStarts: UnsafePointer<Float>? = nil,
                         policyGradient: UnsafePointer<Float>, valueGradient: UnsafePointer<Float>) {
        precondition(batch <= capacity, "backward of \(batch) rows needs a forward of the same rows first")
        let hasTrunk = !trunk.isEmpty
        let denseInput = torso.map { UnsafePointer($0.output) } ?? observations
        let features = hasTrunk ? UnsafePointer(outputs[trunk.upperBound - 1]) : denseInput
        let dFeatures: UnsafeMutablePointer<Float>? = hasTrunk || torso != nil ? featureGradient : nil
        towerBackward(actor, batch: batch, input: features, outputGradient: policyGradient,
                      inputGradient: dFeatures, accumulate: false)
        towerBackward(critic, batch: batch, input: features, outputGradient: valueGradient,
                      inputGradient: dFeatures, accumulate: true)
        if hasTrunk {
            towerBackward(trunk, batch: batch, input: denseInput, outputGradient: featureGradient,
                          inputGradient: torso != nil ? torsoGradient : nil, accumulate: false)
        }
        if let torso {
            torso.backward(observations, batch: batch, sequences: sequences, episodeStarts: episodeStarts,
                           outputGradient: hasTrunk ? torsoGradient : featureGradient,
                           parameters: UnsafePointer(parameters.baseAddress!), gradients: gradients.baseAddress!)
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
