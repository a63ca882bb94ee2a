/// The torso of an `ActorCriticNetwork` at run time: its layers over the network's flat buffers,
/// with the scratch rows each keeps from forward for backward. Owned by one network (one thread).
@usableFromInline
final class Torso {
    @usableFromInline let stages: [ParameterLayout.TorsoStage]
    @usableFromInline let activation: Activation
    @usableFromInline let stateWidth: Int
    /// Rows the scratch holds.
    @usableFromInline private(set) var capacity = 0
    @usableFromInline var workspace: UnsafeMutableBufferPointer<Float> = .init(start: nil, count: 0)
    /// Per stage: its output rows, and the pre-activations (the same buffer where none is needed).
    @usableFromInline var outputs: [UnsafeMutablePointer<Float>] = []
    @usableFromInline var preActivations: [UnsafeMutablePointer<Float>] = []
    /// Per conv stage: its packed weights, the patches of its backward, and room for their gradient
    /// (not for the first stage, whose input, the observations, gets none).
    @usableFromInline var packedWeights: [UnsafeMutablePointer<Float>?] = []
    @usableFromInline var patches: [UnsafeMutablePointer<Float>?] = []
    @usableFromInline var patchGradients: [UnsafeMutablePointer<Float>?] = []
    @usableFromInline var recurrent: [LSTM.Buffers?] = []
    @usableFromInline var gradientA: UnsafeMutablePointer<Float>!
    @usableFromInline var gradientB: UnsafeMutablePointer<Float>!

    init(layout: ParameterLayout, activation: Activation) {
        stages = layout.torso
        self.activation = activation
        stateWidth = layout.stateWidth
    }

    deinit { workspace.deallocate() }

    @usableFromInline var outputSize: Int { stages.last!.outputSize }
    /// The features of row 0 on; row r is `outputSize` values further.
    @usableFromInline var output: UnsafeMutablePointer<Float> { outputs[stages.count - 1] }

    /// Activation after a stage: dense and conv apply the network's, an LSTM none.
    @inlinable func activation(of stage: ParameterLayout.TorsoStage) -> Activation {
        if case .lstm = stage { return .identity }
        return activation
    }

    /// Sizes the scratch for `rows` rows (allocates only when growing, and then zeroes it).
    func reserve(rows: Int) {
        guard rows > capacity else { return }
        var total = 0, widest = 0
        for (s, stage) in stages.enumerated() {
            let width = stage.outputSize
            widest = max(widest, width, stage.inputSize)
            total += rows * width * (activation(of: stage) == .identity ? 1 : 2)
            switch stage {
            case .conv2d(let c): total += (s == 0 ? 1 : 2) * rows * c.positions * c.patchSize + c.packedWeightCount
            case .lstm(let l): total += LSTM.Buffers.size(l, rows: rows)
            case .dense: break
            }
        }
        total += 2 * rows * widest
        workspace.deallocate()
        workspace = .allocate(capacity: total)
        workspace.initialize(repeating: 0)
        var cursor = workspace.baseAddress!
        func take(_ count: Int) -> UnsafeMutablePointer<Float> { defer { cursor += count }; return cursor }
        outputs = []; preActivations = []; packedWeights = []; patches = []; patchGradients = []; recurrent = []
        for (s, stage) in stages.enumerated() {
            var buffers: LSTM.Buffers?
            if case .conv2d(let c) = stage {
                packedWeights.append(take(c.packedWeightCount))
                patches.append(take(rows * c.positions * c.patchSize))
                patchGradients.append(s == 0 ? nil : take(rows * c.positions * c.patchSize))
            } else {
                packedWeights.append(nil)
                patches.append(nil)
                patchGradients.append(nil)
            }
            if case .lstm(let l) = stage {
                buffers = LSTM.Buffers(l, rows: rows, memory: take(LSTM.Buffers.size(l, rows: rows)))
                outputs.append(buffers!.h)
                preActivations.append(buffers!.h)
            } else {
                let z = take(rows * stage.outputSize)
                preActivations.append(z)
                outputs.append(activation(of: stage) == .identity ? z : take(rows * stage.outputSize))
            }
            recurrent.append(buffers)
        }
        gradientA = take(rows * widest)
        gradientB = take(rows * widest)
        capacity = rows
    }

    /// Runs `batch` rows of `x` (time-major: `sequences` per step) into rows `firstRow…` of each
    /// stage; returns the features of row `firstRow`. A recurrent torso reads and advances `state`.
    @inlinable
    func forward(_ x: UnsafePointer<Float>, batch: Int, firstRow: Int, sequences: Int,
                 state: UnsafeMutablePointer<Float>?, episodeStarts: UnsafePointer<Float>?,
                 parameters: UnsafePointer<Float>, kernel: SingleRowKernel) -> UnsafePointer<Float> {
        var input = x
        for (s, stage) in stages.enumerated() {
            let width = stage.outputSize
            let z = preActivations[s] + firstRow * width, a = outputs[s] + firstRow * width
            switch stage {
            case .dense(let layer):
                layer.forward(batch: batch, x: input, y: z, parameters: parameters, kernel: kernel)
            case .conv2d(let conv):
                conv.forward(batch: batch, x: input, packedWeights: packedWeights[s]!, y: z, parameters: parameters)
            case .lstm(let lstm):
                guard let state else { preconditionFailure("a recurrent network's forward needs its state (h, c) per sequence") }
                lstm.forward(steps: batch / sequences, sequences: sequences, firstRow: firstRow, x: input, state: state,
                             stateWidth: stateWidth, episodeStarts: episodeStarts, buffers: recurrent[s]!, parameters: parameters)
            }
            activation(of: stage).forward(z, a, count: batch * width)
            input = UnsafePointer(a)
        }
        return input
    }

    /// Backward over rows `0 ..< batch` of the last forward of `x`, from ∂loss/∂features; adds the
    /// parameter gradients (the observations get none).
    @inlinable
    func backward(_ x: UnsafePointer<Float>, batch: Int, sequences: Int, episodeStarts: UnsafePointer<Float>?,
                  outputGradient: UnsafePointer<Float>, parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>) {
        var dy = gradientA!, spare = gradientB!
        dy.update(from: outputGradient, count: batch * outputSize)
        for s in stages.indices.reversed() {
            let stage = stages[s]
            activation(of: stage).backward(preActivations[s], outputs[s], grad: dy, count: batch * stage.outputSize)
            let input = s == 0 ? x : UnsafePointer(outputs[s - 1])
            let dx: UnsafeMutablePointer<Float>? = s == 0 ? nil : spare
            switch stage {
            case .dense(let layer):
                layer.backward(batch: batch, x: input, dy: dy, dx: dx, parameters: parameters, gradients: gradients)
            case .conv2d(let conv):
                conv.backward(batch: batch, x: input, patches: patches[s]!, dy: dy, dx: dx, patchGradient: patchGradients[s],
                              parameters: parameters, gradients: gradients)
            case .lstm(let lstm):
                lstm.backward(steps: batch / sequences, sequences: sequences, x: input, dh: dy, dx: dx,
                              episodeStarts: episodeStarts, buffers: recurrent[s]!, parameters: parameters, gradients: gradients)
            }
            swap(&dy, &spare)
        }
    }
}
