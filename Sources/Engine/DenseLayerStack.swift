/// What `MLP` and `ActorCriticNetwork` share: dense layers over flat parameter and gradient
/// buffers, scratch rows per layer (pre-activations and outputs) and two spare gradient buffers.
/// The forward of one layer and the backward through a run of layers are written once, here.
@usableFromInline
protocol DenseLayerStack: AnyObject {
    var layers: [Linear] { get }
    var activations: [Activation] { get }
    var parameters: UnsafeMutableBufferPointer<Float> { get }
    var gradients: UnsafeMutableBufferPointer<Float> { get }
    var workspace: UnsafeMutableBufferPointer<Float> { get set }
    var preActivations: [UnsafeMutablePointer<Float>] { get set }
    var outputs: [UnsafeMutablePointer<Float>] { get set }
    var scratchA: UnsafeMutablePointer<Float>! { get set }
    var scratchB: UnsafeMutablePointer<Float>! { get set }
}

/// Hands out consecutive pieces of a freshly allocated workspace.
struct ScratchCarver {
    var cursor: UnsafeMutablePointer<Float>

    mutating func callAsFunction(_ count: Int) -> UnsafeMutablePointer<Float> {
        defer { cursor += count }
        return cursor
    }
}

extension DenseLayerStack {
    /// Replaces the workspace with one for `batch` rows: each layer's pre-activations and outputs
    /// (one buffer for an identity layer), the two spare gradient buffers, and `extra` floats
    /// that the returned carver hands out.
    func allocateLayerScratch(batch: Int, extra: Int) -> ScratchCarver {
        let widest = layers.map { max($0.inputs, $0.outputs) }.max()!
        var total = 2 * batch * widest + extra
        for l in layers.indices { total += batch * layers[l].outputs * (activations[l] == .identity ? 1 : 2) }
        workspace.deallocate()
        workspace = .allocate(capacity: total)
        workspace.initialize(repeating: 0)
        var take = ScratchCarver(cursor: workspace.baseAddress!)
        preActivations = []
        outputs = []
        for l in layers.indices {
            let z = take(batch * layers[l].outputs)
            preActivations.append(z)
            outputs.append(activations[l] == .identity ? z : take(batch * layers[l].outputs))
        }
        scratchA = take(batch * widest)
        scratchB = take(batch * widest)
        return take
    }

    /// Layer `l` on `batch` rows of `input`, into its scratch rows from `firstRow`; returns its output.
    @inlinable @inline(__always)
    func layerForward(_ l: Int, batch: Int, firstRow: Int, input: UnsafePointer<Float>, parameters: UnsafePointer<Float>,
                      kernel: SingleRowKernel) -> UnsafePointer<Float> {
        let width = layers[l].outputs
        let z = preActivations[l] + firstRow * width, a = outputs[l] + firstRow * width
        layers[l].forward(batch: batch, x: input, y: z, parameters: parameters, kernel: kernel)
        activations[l].forward(z, a, count: batch * width)
        return UnsafePointer(a)
    }

    /// Backward through the layers `range` (applied in order to `input`); writes or adds the
    /// gradient with respect to `input` into `inputGradient` when it is given.
    @inlinable
    func towerBackward(_ range: Range<Int>, batch: Int, input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                       inputGradient: UnsafeMutablePointer<Float>?, accumulate: Bool) {
        let p = UnsafePointer(parameters.baseAddress!), g = gradients.baseAddress!
        var dy = scratchA!, spare = scratchB!
        dy.update(from: outputGradient, count: batch * layers[range.upperBound - 1].outputs)
        for l in range.reversed() {
            let layer = layers[l]
            activations[l].backward(preActivations[l], outputs[l], grad: dy, count: batch * layer.outputs)
            let x = l == range.lowerBound ? input : UnsafePointer(outputs[l - 1])
            if l > range.lowerBound {
                layer.backward(batch: batch, x: x, dy: dy, dx: spare, parameters: p, gradients: g)
                swap(&dy, &spare)
            } else if let inputGradient {
                layer.backward(batch: batch, x: x, dy: dy, dx: inputGradient, accumulatingDX: accumulate,
                               parameters: p, gradients: g)
            } else {
                layer.backward(batch: batch, x: x, dy: dy, dx: nil, parameters: p, gradients: g)
            }
        }
    }
}
