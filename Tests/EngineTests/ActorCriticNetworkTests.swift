import XCTest
import Engine

final class ActorCriticNetworkTests: XCTestCase {
    static let architectures: [Architecture] = [
        .seed(observationSize: 4, policy: .categorical(actions: 2), hidden: 16),
        .seed(observationSize: 8, policy: .gaussian(dimensions: 2, initialLogStd: -0.5), hidden: 12),
        .separate(observationSize: 3, policy: .gaussian(dimensions: 1, initialLogStd: -0.5), hidden: [10, 6]),
        .separate(observationSize: 6, policy: .categorical(actions: 3), hidden: [9, 7], activation: .tanh),
        Architecture(observationSize: 5, policy: .categorical(actions: 4), hidden: [8, 8], activation: .relu,
                     sharedTrunk: true, initialization: .orthogonal),
    ]

    /// The whole actor-critic loss, through every layer, head and the log-std, against finite differences.
    func testLossGradientMatchesFiniteDifferences() throws {
        for (a, architecture) in Self.architectures.enumerated() {
            for batch in [1, 5, 32] {
                let network = ActorCriticNetwork(architecture: architecture, seed: UInt64(a))
                // Larger weights than the init so that every gradient entry is well above float noise.
                for i in 0..<network.parameterCount { network.parameters[i] += randomFloats(1, seed: UInt64(i), scale: 0.3)[0] }
                let obs = randomFloats(batch * architecture.observationSize, seed: 31)
                let actions: [Float]
                switch architecture.policy {
                case .categorical(let n): actions = (0..<batch).map { Float(($0 * 7 + 3) % n) }
                case .gaussian(let d, _): actions = randomFloats(batch * d, seed: 32)
                }
                let advantages = randomFloats(batch, seed: 33, scale: 2)
                let returns = randomFloats(batch, seed: 34, scale: 3)
                let coefficients = LossCoefficients(value: 0.5, entropy: 0.05)
                func loss() -> Double {
                    Double(try! network.lossAndGradient(observations: obs, actions: actions, advantages: advantages,
                                                        returns: returns, batch: batch, coefficients: coefficients).total)
                }
                _ = try network.lossAndGradient(observations: obs, actions: actions, advantages: advantages,
                                                returns: returns, batch: batch, coefficients: coefficients)
                let analytic = Array(network.gradients).map(Double.init)
                // Every parameter for small networks; a fixed spread of indices plus the last ones otherwise.
                let count = network.parameterCount
                let indices = count <= 400 ? Array(0..<count) : Array(Set(stride(from: 0, to: count, by: 7)).union((count - 12)..<count)).sorted()
                // ReLU: a smaller step, so that no perturbation moves a unit across the kink.
                let step: Float = architecture.activation == .relu ? 2e-3 : 1e-2
                let numeric = numericalGradient(of: loss, values: network.parameters.baseAddress!, indices: indices, step: step)
                assertGradientsMatch(indices.map { analytic[$0] }, numeric, relative: 2e-2, absolute: 3e-3,
                                     "architecture \(a), batch \(batch)")
            }
        }
    }

    func testFlatLayoutAndParameterCount() throws {
        let seed = ActorCriticNetwork(architecture: .seed(observationSize: 4, policy: .categorical(actions: 2)), seed: 1)
        XCTAssertEqual(seed.parameterCount, (4 * 128 + 128) + (128 * 2 + 2) + (128 + 1))
        let separate = ActorCriticNetwork(architecture: .separate(observationSize: 8, policy: .gaussian(dimensions: 2, initialLogStd: -0.5)), seed: 1)
        XCTAssertEqual(separate.parameterCount, 2 * (8 * 64 + 64 + 64 * 64 + 64) + (64 * 2 + 2) + (64 + 1) + 2)
        XCTAssertEqual(Array(separate.parameters.suffix(2)), [-0.5, -0.5], "log-std starts at −0.5")
        let copy = try ActorCriticNetwork(architecture: seed.architecture, parameters: seed.parameterArray)
        let x = Matrix(rows: 3, columns: 4, elements: randomFloats(12, seed: 2))
        XCTAssertEqual(try copy.evaluate(x).policy, try seed.evaluate(x).policy)
    }

    func testSameSeedSameParametersDifferentSeedDifferent() {
        let architecture = Architecture.separate(observationSize: 4, policy: .categorical(actions: 2))
        XCTAssertEqual(ActorCriticNetwork(architecture: architecture, seed: 9).parameterArray,
                       ActorCriticNetwork(architecture: architecture, seed: 9).parameterArray)
        XCTAssertNotEqual(ActorCriticNetwork(architecture: architecture, seed: 9).parameterArray,
                          ActorCriticNetwork(architecture: architecture, seed: 10).parameterArray)
    }

    /// gSDE's φ is the policy head's input: the head applied to `policyFeatures` gives `policyOutput`,
    /// at rows after the first too, with an actor tower, a shared trunk or a torso before the head.
    func testPolicyFeaturesAreTheHeadsInput() {
        let withTorso = Architecture(observationSize: 3, policy: .gaussian(dimensions: 2, initialLogStd: 0), torso: [.lstm(units: 5)],
                                     hidden: [], activation: .tanh, sharedTrunk: true, initialization: .pytorch)
        for (a, architecture) in (Self.architectures + [withTorso]).enumerated() {
            let network = ActorCriticNetwork(architecture: architecture, seed: UInt64(a)), size = architecture.observationSize
            let observations = randomFloats(3 * size, seed: 40)
            let state = UnsafeMutablePointer<Float>.allocate(capacity: max(network.stateWidth, 1))
            state.initialize(repeating: 0, count: max(network.stateWidth, 1))
            defer { state.deallocate() }
            let head = network.layout.actor.last!, k = network.policyOutputCount
            XCTAssertEqual(network.policyFeatureCount, head.inputs)
            for r in 0..<3 {
                observations.withUnsafeBufferPointer { obs in
                    let row = obs.baseAddress! + r * size
                    network.forward(observations: row, batch: 1, firstRow: 2 + r, state: network.isRecurrent ? state : nil)
                    let phi = network.policyFeatures(row: 2 + r, observation: row)
                    for j in 0..<k {
                        var z = network.parameters[head.biasOffset + j]
                        for i in 0..<head.inputs { z += network.parameters[head.offset + j * head.inputs + i] * phi[i] }
                        XCTAssertEqual(network.policyOutput[(2 + r) * k + j], z, accuracy: 1e-4, "architecture \(a), row \(r)")
                    }
                }
            }
        }
    }

    func testSingleRowAndBatchedForwardAgree() throws {
        let network = ActorCriticNetwork(architecture: .seed(observationSize: 4, policy: .categorical(actions: 2)), seed: 3)
        let batch = Matrix(rows: 6, columns: 4, elements: randomFloats(24, seed: 4))
        let batched = try network.evaluate(batch)
        for kernel in SingleRowKernel.allCases {
            network.singleRowKernel = kernel
            for r in 0..<6 {
                let row = Matrix(rows: 1, columns: 4, elements: Array(batch.storage[(r * 4)..<(r * 4 + 4)]))
                let single = try network.evaluate(row)
                XCTAssertEqual(single.values[0], batched.values[r], accuracy: 1e-5, "\(kernel)")
                for j in 0..<2 { XCTAssertEqual(single.policy[0, j], batched.policy[r, j], accuracy: 1e-5, "\(kernel)") }
            }
        }
    }

    func testMismatchedShapesAndParametersAreReported() {
        let network = ActorCriticNetwork(architecture: .seed(observationSize: 4, policy: .categorical(actions: 2)), seed: 1)
        XCTAssertThrowsError(try network.evaluate(Matrix(rows: 5, columns: 3))) { error in
            XCTAssertEqual("\(error)", "observation batch [5 x 3] does not fit the network: expected [B x 4] with B ≥ 1")
        }
        XCTAssertThrowsError(try ActorCriticNetwork(architecture: network.architecture, parameters: [1, 2, 3])) { error in
            XCTAssertTrue("\(error)".contains("3 values does not match the architecture, which has \(network.parameterCount)"))
        }
    }

    func testNaNObservationMakesTheLossReportNotFinite() {
        let network = ActorCriticNetwork(architecture: .seed(observationSize: 2, policy: .categorical(actions: 2)), seed: 1)
        let obs: [Float] = [0.1, .nan]
        XCTAssertThrowsError(try network.lossAndGradient(observations: obs, actions: [1], advantages: [1], returns: [1],
                                                         batch: 1, coefficients: LossCoefficients())) { error in
            XCTAssertTrue(error is NonFiniteLossError)
            XCTAssertTrue("\(error)".contains("loss is not finite"))
        }
        XCTAssertTrue(network.gradients.allSatisfy { $0 == 0 }, "no gradient is left to apply after a NaN loss")
    }
}

extension ActorCriticNetworkTests {
    /// Rows computed one at a time (as a rollout acts) give the same loss and gradient as a batched forward.
    func testLossReusesARowByRowForward() throws {
        for architecture in Self.architectures {
            let batch = 6, coefficients = LossCoefficients(value: 0.5, entropy: 0.02)
            let obs = randomFloats(batch * architecture.observationSize, seed: 41)
            let actions: [Float]
            switch architecture.policy {
            case .categorical(let n): actions = (0..<batch).map { Float($0 % n) }
            case .gaussian(let d, _): actions = randomFloats(batch * d, seed: 42)
            }
            let advantages = randomFloats(batch, seed: 43), returns = randomFloats(batch, seed: 44)
            let network = ActorCriticNetwork(architecture: architecture, seed: 5)
            let batched = try network.lossAndGradient(observations: obs, actions: actions, advantages: advantages,
                                                      returns: returns, batch: batch, coefficients: coefficients)
            let batchedGradients = Array(network.gradients)
            network.singleRowKernel = .sgemv
            for row in 0..<batch {
                obs.withUnsafeBufferPointer {
                    network.forward(observations: $0.baseAddress! + row * architecture.observationSize, batch: 1, firstRow: row)
                }
            }
            let reused = try network.lossAndGradient(observations: obs, actions: actions, advantages: advantages,
                                                     returns: returns, batch: batch, coefficients: coefficients,
                                                     reusingForward: true)
            XCTAssertEqual(reused.total, batched.total, accuracy: 1e-5)
            for (a, b) in zip(network.gradients, batchedGradients) { XCTAssertEqual(a, b, accuracy: 1e-5) }
        }
    }
}
