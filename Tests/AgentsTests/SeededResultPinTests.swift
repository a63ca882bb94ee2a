import XCTest
import Agents
import Engine
import Environments
import SeededRandom

/// Dense-only networks keep the parameter order and initialisation draws they had before the
/// torso existed: their initial parameters and the seeded A3C run hash to the values that commit
/// 4168f44 (the last one without a torso) gave. Orthogonal initialisation goes through LAPACK, whose
/// QR rounds differently with the BLAS kernels of another CPU (an AMD EPYC, 2026-12-06, gave other
/// bits than the machine that pinned them): it is checked by its structure instead, and the A2C run,
/// pinned again that day, uses PyTorch's initialisation.
final class SeededResultPinTests: XCTestCase {
    func fingerprint(_ values: [Float]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for v in values {
            var bits = v.bitPattern
            for _ in 0..<4 {
                hash = (hash ^ UInt64(bits & 0xFF)) &* 0x100_0000_01B3
                bits >>= 8
            }
        }
        return String(hash, radix: 16)
    }

    func testInitialParametersOfDenseNetworksAreUnchanged() {
        let seed = ActorCriticNetwork(architecture: .seed(observationSize: 4, policy: .categorical(actions: 2)), seed: 1)
        XCTAssertEqual(fingerprint(seed.parameterArray), "f32dc65af3b8746b")
    }

    /// Each orthogonal weight matrix is `gain · Q` where `Q R = G`, G the next m × n Gaussian draws of the
    /// network's generator (m ≥ n; a wide matrix is stored transposed), R upper triangular with a positive
    /// diagonal: the layers draw in order (actor, then critic), each its own block, with its gain.
    func testOrthogonalInitialisationDrawsInOrder() throws {
        let architecture = Architecture.separate(observationSize: 8, policy: .gaussian(dimensions: 2, initialLogStd: -0.5))
        let network = ActorCriticNetwork(architecture: architecture, seed: 2)
        let layout = try ParameterLayout(architecture)
        let parameters = network.parameterArray
        var rng = Xoshiro256(seed: 2)
        let layers = layout.actor + layout.critic
        for (index, layer) in layers.enumerated() {
            let gain = index == layout.actor.count - 1 ? 0.01 : index == layers.count - 1 ? 1 : Double(2).squareRoot()
            let tall = layer.outputs >= layer.inputs
            let m = max(layer.outputs, layer.inputs), n = min(layer.outputs, layer.inputs)
            let g = (0..<(m * n)).map { _ in Double(Float(rng.nextGaussian())) }
            let q = (0..<(m * n)).map { k -> Double in
                let (i, j) = (k / n, k % n)
                return Double(parameters[layer.offset + (tall ? i * layer.inputs + j : j * layer.inputs + i)]) / gain
            }
            for a in 0..<n {
                for b in 0..<n {
                    let qq = (0..<m).reduce(0.0) { $0 + q[$1 * n + a] * q[$1 * n + b] }
                    XCTAssertEqual(qq, a == b ? 1 : 0, accuracy: 1e-5, "layer \(index): QᵀQ[\(a), \(b)]")
                    let r = (0..<m).reduce(0.0) { $0 + q[$1 * n + a] * g[$1 * n + b] }
                    if a > b { XCTAssertEqual(r, 0, accuracy: 1e-4, "layer \(index): R[\(a), \(b)]") }
                    if a == b { XCTAssertGreaterThan(r, 0, "layer \(index): R[\(a), \(a)]") }
                }
            }
            XCTAssertTrue(parameters[layer.biasOffset..<(layer.biasOffset + layer.outputs)].allSatisfy { $0 == 0 })
        }
        let logStd = try XCTUnwrap(layout.logStdOffset)
        XCTAssertEqual(Array(parameters[logStd..<(logStd + 2)]), [-0.5, -0.5])
    }

    func testSeededRunsOfDenseNetworksAreUnchanged() throws {
        var a3c = Hyperparameters.defaults(for: "CartPole-v1")
        a3c.workers = 1
        a3c.maxSteps = 20_000
        a3c.targetReturn = .infinity
        a3c.seed = 11
        let cartPole = try Trainer.train(envID: "CartPole-v1", hyperparameters: a3c)
        var a2c = Hyperparameters.defaults(for: "Pendulum-v1", algorithm: .a2c)
        a2c.initialization = .pytorch
        a2c.workers = 4
        a2c.maxSteps = 20_000
        a2c.targetReturn = .infinity
        a2c.seed = 12
        let pendulum = try Trainer.train(envID: "Pendulum-v1", hyperparameters: a2c)
        XCTAssertEqual(fingerprint(cartPole.parameters), "ea751f55490110d8")
        XCTAssertEqual(fingerprint(pendulum.parameters), "5b006dfc5776203a")  // pinned 2026-12-06, PyTorch init
    }
}
