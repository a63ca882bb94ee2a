import XCTest
import Engine

/// Networks with a torso (conv, LSTM, dense, flatten) against the Double reference: forward values,
/// and every parameter's gradient against central finite differences of the reference.
final class TorsoNetworkTests: XCTestCase {
    struct Case {
        var architecture: Architecture
        var steps: Int
        var sequences: Int
    }

    static let cases: [Case] = [
        // MinAtar-like: a board through a conv, flattened into the shared trunk.
        Case(architecture: Architecture(observationSize: 5 * 5 * 3, observationShape: [5, 5, 3], policy: .categorical(actions: 3),
                                        torso: [.conv2d(filters: 4, kernel: 3, stride: 1)], hidden: [6], activation: .relu,
                                        sharedTrunk: true, initialization: .pytorch), steps: 3, sequences: 1),
        // Two convs (one strided), explicit flatten, a dense torso layer, separate towers, SiLU.
        Case(architecture: Architecture(observationSize: 7 * 6 * 2, observationShape: [7, 6, 2], policy: .gaussian(dimensions: 2, initialLogStd: -0.5),
                                        torso: [.conv2d(filters: 3, kernel: 3, stride: 2), .conv2d(filters: 2, kernel: 2, stride: 1), .flatten, .dense(units: 5)],
                                        hidden: [4], activation: .silu, sharedTrunk: false, initialization: .orthogonal), steps: 2, sequences: 1),
        // An LSTM straight into the heads, two sequences.
        Case(architecture: Architecture(observationSize: 3, policy: .categorical(actions: 2), torso: [.lstm(units: 5)], hidden: [],
                                        activation: .tanh, sharedTrunk: true, initialization: .pytorch), steps: 4, sequences: 2),
        // Dense, then two stacked LSTMs, then a trunk.
        Case(architecture: Architecture(observationSize: 4, policy: .gaussian(dimensions: 1, initialLogStd: 0), torso: [.dense(units: 6), .lstm(units: 4), .lstm(units: 3)],
                                        hidden: [5], activation: .tanh, sharedTrunk: true, initialization: .orthogonal), steps: 3, sequences: 2),
        // A conv into an LSTM (flatten implied).
        Case(architecture: Architecture(observationSize: 4 * 4 * 2, observationShape: [4, 4, 2], policy: .categorical(actions: 2),
                                        torso: [.conv2d(filters: 2, kernel: 2, stride: 2), .lstm(units: 3)], hidden: [4], activation: .relu,
                                        sharedTrunk: false, initialization: .pytorch), steps: 3, sequences: 1),
    ]

    /// Inputs, initial state, episode starts and loss weights for one case.
    struct Fixture {
        var observations: [Float]
        var state: [Float]
        var starts: [Float]?
        var policyWeights: [Float]
        var valueWeights: [Float]
    }

    func fixture(_ c: Case, seed: UInt64) -> Fixture {
        let rows = c.steps * c.sequences, network = ActorCriticNetwork(architecture: c.architecture, seed: 1)
        let starts: [Float]? = network.isRecurrent && c.steps > 2 ? (0..<rows).map { $0 == 2 * c.sequences ? 1 : 0 } : nil
        return Fixture(observations: randomFloats(rows * c.architecture.observationSize, seed: seed, scale: 1.5),
                       state: randomFloats(c.sequences * network.stateWidth, seed: seed + 1, scale: 0.8),
                       starts: starts,
                       policyWeights: randomFloats(rows * c.architecture.policy.outputs, seed: seed + 2),
                       valueWeights: randomFloats(rows, seed: seed + 3))
    }

    func referenceLoss(_ reference: ReferenceNetwork, _ c: Case, _ f: Fixture, _ parameters: [Double]) -> Double {
        let width = reference.layout.stateWidth, n = c.architecture.observationSize
        var state = (0..<c.sequences).map { b in (0..<width).map { Double(f.state[b * width + $0]) } }
        let rows = (0..<(c.steps * c.sequences)).map { r in (0..<n).map { Double(f.observations[r * n + $0]) } }
        let (policy, values) = reference.forward(rows, parameters: parameters, sequences: c.sequences, state: &state,
                                                 episodeStarts: f.starts.map { $0.map(Double.init) })
        var loss = 0.0
        let m = c.architecture.policy.outputs
        for r in policy.indices {
            for k in 0..<m { loss += Double(f.policyWeights[r * m + k]) * policy[r][k] }
            loss += Double(f.valueWeights[r]) * values[r]
        }
        return loss
    }

    func perturbed(_ network: ActorCriticNetwork, seed: UInt64) {
        let noise = randomFloats(network.parameterCount, seed: seed, scale: 0.25)
        for i in 0..<network.parameterCount { network.parameters[i] += noise[i] }
    }

    func testForwardMatchesTheDoubleReference() throws {
        for (index, c) in Self.cases.enumerated() {
            let network = ActorCriticNetwork(architecture: c.architecture, seed: UInt64(index))
            perturbed(network, seed: 40)
            let f = fixture(c, seed: 50)
            let reference = try ReferenceNetwork(c.architecture)
            var state = f.state
            let rows = c.steps * c.sequences
            f.observations.withUnsafeBufferPointer { obs in
                state.withUnsafeMutableBufferPointer { s in
                    f.starts.withOptionalPointer { e in
                        network.forward(observations: obs.baseAddress!, batch: rows, sequences: c.sequences,
                                        state: network.isRecurrent ? s.baseAddress! : nil, episodeStarts: e)
                    }
                }
            }
            let parameters = network.parameterArray.map(Double.init)
            let width = network.stateWidth, n = c.architecture.observationSize
            var referenceState = (0..<c.sequences).map { b in (0..<width).map { Double(f.state[b * width + $0]) } }
            let (policy, values) = reference.forward((0..<rows).map { r in (0..<n).map { Double(f.observations[r * n + $0]) } },
                                                     parameters: parameters, sequences: c.sequences, state: &referenceState,
                                                     episodeStarts: f.starts.map { $0.map(Double.init) })
            let m = c.architecture.policy.outputs
            for r in 0..<rows {
                for k in 0..<m { XCTAssertEqual(Double(network.policyOutput[r * m + k]), policy[r][k], accuracy: 1e-4, "case \(index) row \(r)") }
                XCTAssertEqual(Double(network.values[r]), values[r], accuracy: 1e-4, "case \(index) row \(r)")
            }
            // The state is advanced to the one after the last step.
            for b in 0..<c.sequences {
                for k in 0..<width { XCTAssertEqual(Double(state[b * width + k]), referenceState[b][k], accuracy: 1e-5, "case \(index) state") }
            }
        }
    }

    /// Every parameter of every layer kind, through the whole network (and through time), against
    /// central differences of the Double reference.
    func testGradientsMatchFiniteDifferencesOfTheDoubleReference() throws {
        for (index, c) in Self.cases.enumerated() {
            let network = ActorCriticNetwork(architecture: c.architecture, seed: UInt64(index) + 10)
            perturbed(network, seed: 60)
            let f = fixture(c, seed: 70)
            let rows = c.steps * c.sequences
            var state = f.state
            network.zeroGradients()
            f.observations.withUnsafeBufferPointer { obs in
                state.withUnsafeMutableBufferPointer { s in
                    f.starts.withOptionalPointer { e in
                        network.forward(observations: obs.baseAddress!, batch: rows, sequences: c.sequences,
                                        state: network.isRecurrent ? s.baseAddress! : nil, episodeStarts: e)
                        network.backward(observations: obs.baseAddress!, batch: rows, sequences: c.sequences, episodeStarts: e,
                                         policyGradient: f.policyWeights, valueGradient: f.valueWeights)
                    }
                }
            }
            let analytic = Array(network.gradients).map(Double.init)
            let reference = try ReferenceNetwork(c.architecture)
            var parameters = network.parameterArray.map(Double.init)
            let step = 1e-6
            var numeric: [Double] = []
            for i in parameters.indices {
                let saved = parameters[i]
                parameters[i] = saved + step
                let plus = referenceLoss(reference, c, f, parameters)
                parameters[i] = saved - step
                let minus = referenceLoss(reference, c, f, parameters)
                parameters[i] = saved
                numeric.append((plus - minus) / (2 * step))
            }
            assertGradientsMatch(analytic, numeric, relative: 2e-3, absolute: 2e-4, "case \(index)")
        }
    }

    /// Acting one step at a time (the state advanced by each call) computes the same rows as one
    /// forward over the sequence, and a backward that reuses them gives the same gradient.
    func testStepByStepForwardEqualsTheSequenceForward() throws {
        let c = Self.cases[3]
        let rows = c.steps * c.sequences, n = c.architecture.observationSize
        let f = fixture(c, seed: 80)
        let whole = ActorCriticNetwork(architecture: c.architecture, seed: 3), stepped = ActorCriticNetwork(architecture: c.architecture, seed: 3)
        stepped.reserve(batch: rows)  // acting row by row keeps the earlier rows: reserve them first
        var wholeState = f.state, steppedState = f.state
        f.observations.withUnsafeBufferPointer { obs in
            whole.forward(observations: obs.baseAddress!, batch: rows, sequences: c.sequences, state: &wholeState)
            for t in 0..<c.steps {
                stepped.forward(observations: obs.baseAddress! + t * c.sequences * n, batch: c.sequences, firstRow: t * c.sequences,
                                sequences: c.sequences, state: &steppedState)
            }
            for network in [whole, stepped] {
                network.zeroGradients()
                network.backward(observations: obs.baseAddress!, batch: rows, sequences: c.sequences,
                                 policyGradient: f.policyWeights, valueGradient: f.valueWeights)
            }
        }
        for r in 0..<rows { XCTAssertEqual(whole.values[r], stepped.values[r], accuracy: 1e-6) }
        for (a, b) in zip(wholeState, steppedState) { XCTAssertEqual(a, b, accuracy: 1e-6) }
        for (a, b) in zip(whole.gradients, stepped.gradients) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }

    /// The conv layer alone against the naive loop convolution, to 1e-5: filters that fill whole
    /// vectors, part of one and more than one block of 32, strides 1 and 2.
    func testConvolutionMatchesTheNaiveLoop() throws {
        for (filters, kernel, stride) in [(16, 3, 1), (5, 2, 2), (40, 3, 2)] {
            let architecture = Architecture(observationSize: 10 * 10 * 4, observationShape: [10, 10, 4], policy: .categorical(actions: 6),
                                            torso: [.conv2d(filters: filters, kernel: kernel, stride: stride)], hidden: [8],
                                            activation: .identity, sharedTrunk: true, initialization: .pytorch)
            let network = ActorCriticNetwork(architecture: architecture, seed: 4)
            guard case .conv2d(let conv) = network.layout.torso[0] else { return XCTFail("expected a conv stage") }
            let batch = 3, x = randomFloats(batch * conv.inputSize, seed: 90)
            var packed = [Float](repeating: .nan, count: conv.packedWeightCount)
            var y = [Float](repeating: 0, count: batch * conv.outputSize)
            conv.forward(batch: batch, x: x, packedWeights: &packed, y: &y, parameters: network.parameters.baseAddress!)
            let reference = try ReferenceNetwork(architecture)
            let expected = reference.conv("torso.0", (0..<batch).map { r in (0..<conv.inputSize).map { Double(x[r * conv.inputSize + $0]) } },
                                          shape: [10, 10, 4], filters: filters, kernel: kernel, stride: stride,
                                          network.parameterArray.map(Double.init))
            for r in 0..<batch {
                for i in 0..<conv.outputSize {
                    XCTAssertEqual(Double(y[r * conv.outputSize + i]), expected[r][i], accuracy: 1e-5, "\(filters) filters \(kernel)×\(kernel) stride \(stride)")
                }
            }
        }
    }
}

extension Optional where Wrapped == [Float] {
    /// The array's base address for the closure, or nil.
    func withOptionalPointer<R>(_ body: (UnsafePointer<Float>?) -> R) -> R {
        guard let self else { return body(nil) }
        return self.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
