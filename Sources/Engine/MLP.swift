import SeededRandom

/// A sequential multilayer perceptron built from a list of layer sizes: `Linear` layers with
/// `activation` between them and `outputActivation` after the last. Parameters and gradients
/// each live in one flat buffer, as in `ActorCriticNetwork`, which builds its trunk, actor and
/// critic the same way. One instance per thread (it owns its scratch memory).
public final class MLP: DenseLayerStack {
    /// Widths from input to output, e.g. `[4, 64, 64, 2]`.
    public let sizes: [Int]
    public let parameters: UnsafeMutableBufferPointer<Float>
    /// ∂loss/∂parameters; `backward` adds into it.
    public let gradients: UnsafeMutableBufferPointer<Float>
    public var singleRowKernel: SingleRowKernel = .vectorized
    /// Rows the scratch buffers hold; grows on demand.
    public private(set) var capacity = 0

    @usableFromInline let layers: [Linear]
    @usableFromInline let activations: [Activation]
    @usableFromInline var workspace: UnsafeMutableBufferPointer<Float> = .init(start: nil, count: 0)
    @usableFromInline var preActivations: [UnsafeMutablePointer<Float>] = []
    @usableFromInline var outputs: [UnsafeMutablePointer<Float>] = []
    @usableFromInline var scratchA: UnsafeMutablePointer<Float>!
    @usableFromInline var scratchB: UnsafeMutablePointer<Float>!

    /// Initialised with `initialization` (orthogonal: gain √2 for hidden layers, 1 for the last), seeded.
    public init(sizes: [Int], activation: Activation, outputActivation: Activation = .identity,
                initialization: Initialization = .pytorch, seed: UInt64) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 },
                     "an MLP needs at least an input and an output size, all positive; got \(sizes)")
        self.sizes = sizes
        var layers: [Linear] = [], offset = 0
        for (inputs, outputs) in zip(sizes, sizes.dropFirst()) {
            layers.append(Linear(inputs: inputs, outputs: outputs, offset: offset))
            offset += layers.last!.parameterCount
        }
        self.layers = layers
        activations = layers.indices.map { $0 == layers.count - 1 ? outputActivation : activation }
        parameters = .allocate(capacity: offset)
        parameters.initialize(repeating: 0)
        gradients = .allocate(capacity: offset)
        gradients.initialize(repeating: 0)
        var rng = Xoshiro256(seed: seed)
        for l in layers.indices {
            initialization.initialize(layers[l], gain: l == layers.count - 1 ? 1 : Float(2).squareRoot(), rng: &rng,
                                      parameters: parameters.baseAddress!)
        }
        reserve(batch: 1)
    }

    deinit {
        parameters.deallocate()
        gradients.deallocate()
        workspace.deallocate()
    }

    public var parameterCount: Int { parameters.count }
    public var inputSize: Int { sizes.first! }
    public var outputSize: Int { sizes.last! }

    /// Sizes the scratch memory for batches of up to `batch` rows (allocates only when growing).
    public func reserve(batch: Int) {
        precondition(batch >= 1, "batch size must be at least 1, got \(batch)")
        guard batch > capacity else { return }
        _ = allocateLayerScratch(batch: batch, extra: 0)
        capacity = batch
    }

    /// y[B × outputSize] for `batch` rows of `input` [B × inputSize]; valid until the next forward.
    @inlinable
    public func forward(_ input: UnsafePointer<Float>, batch: Int) -> UnsafePointer<Float> {
        if batch > capacity { reserve(batch: batch) }
        let p = UnsafePointer(parameters.baseAddress!)
        var x = input
        for l in layers.indices { x = layerForward(l, batch: batch, firstRow: 0, input: x, parameters: p, kernel: singleRowKernel) }
        return x
    }

    /// Given ∂loss/∂y for the last `forward` of `input`, adds ∂loss/∂θ into `gradients` and, when
    /// `inputGradient` is given, writes ∂loss/∂x into it.
    @inlinable
    public func backward(_ input: UnsafePointer<Float>, batch: Int, outputGradient: UnsafePointer<Float>,
                         inputGradient: UnsafeMutablePointer<Float>? = nil) {
        precondition(batch <= capacity, "backward of \(batch) rows needs a forward of the same rows first")
        towerBackward(layers.indices, batch: batch, input: input, outputGradient: outputGradient,
                      inputGradient: inputGradient, accumulate: false)
    }

    /// Sets every gradient to zero (one pass).
    public func zeroGradients() {
        gradients.baseAddress!.update(repeating: 0, count: gradients.count)
    }

    /// The outputs for a batch of inputs, one per row. Throws when the rows are not `inputSize` wide.
    public func evaluate(_ inputs: Matrix) throws(ShapeError) -> Matrix {
        guard inputs.columns == inputSize, inputs.rows > 0 else {
            throw ShapeError("input batch \(inputs.shapeDescription) does not fit the MLP \(sizes): expected [B x \(inputSize)] with B ≥ 1")
        }
        let y = inputs.storage.withUnsafeBufferPointer { forward($0.baseAddress!, batch: inputs.rows) }
        return Matrix(rows: inputs.rows, columns: outputSize, elements: Array(UnsafeBufferPointer(start: y, count: inputs.rows * outputSize)))
    }
}
