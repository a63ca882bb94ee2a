import XCTest
import Agents
import Engine
import Environments

/// Dense-only networks keep the parameter order and initialisation draws they had before the
/// torso existed: their initial parameters and seeded runs hash to the values that commit 4168f44
/// (the last one without a torso) gave.
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
        let separate = ActorCriticNetwork(architecture: .separate(observationSize: 8, policy: .gaussian(dimensions: 2, initialLogStd: -0.5)), seed: 2)
        XCTAssertEqual(fingerprint(seed.parameterArray), "f32dc65af3b8746b")
        XCTAssertEqual(fingerprint(separate.parameterArray), "dc0287df078898bf")
    }

    func testSeededRunsOfDenseNetworksAreUnchanged() throws {
        var a3c = Hyperparameters.defaults(for: "CartPole-v1")
        a3c.workers = 1
        a3c.maxSteps = 20_000
        a3c.targetReturn = .infinity
        a3c.seed = 11
        let cartPole = try Trainer.train(envID: "CartPole-v1", hyperparameters: a3c)
        var a2c = Hyperparameters.defaults(for: "Pendulum-v1", algorithm: .a2c)
        a2c.workers = 4
        a2c.maxSteps = 20_000
        a2c.targetReturn = .infinity
        a2c.seed = 12
        let pendulum = try Trainer.train(envID: "Pendulum-v1", hyperparameters: a2c)
        XCTAssertEqual(fingerprint(cartPole.parameters), "ea751f55490110d8")
        XCTAssertEqual(fingerprint(pendulum.parameters), "7488ad6e7b4b2201")
    }
}
