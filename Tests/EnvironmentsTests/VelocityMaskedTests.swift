import XCTest
import Environments

final class VelocityMaskedTests: XCTestCase {
    /// The NoVel ids zero exactly rl-zoo's components of their originals, step for step, with the
    /// originals' spaces, time limits and thresholds.
    func testTheMaskedComponentsReadZeroAndTheOthersAreTheOriginals() throws {
        for (id, original, masked) in [("CartPoleNoVel-v1", "CartPole-v1", [1, 3]), ("PendulumNoVel-v1", "Pendulum-v1", [2]),
                                       ("MountainCarContinuousNoVel-v0", "MountainCarContinuous-v0", [1]),
                                       ("LunarLanderNoVel-v3", "LunarLander-v3", [2, 3, 5]),
                                       ("LunarLanderContinuousNoVel-v3", "LunarLanderContinuous-v3", [2, 3, 5])] {
            let spec = try Registry.spec(id), base = try Registry.spec(original)
            XCTAssertEqual(spec.maxEpisodeSteps, base.maxEpisodeSteps, id)
            XCTAssertEqual(spec.rewardThreshold, base.rewardThreshold, id)
            var env = spec.make(), reference = base.make()
            XCTAssertEqual(env.observationSpace, reference.observationSpace, id)
            XCTAssertEqual(env.actionSpace, reference.actionSpace, id)
            var a = env.reset(seed: 4), b = reference.reset(seed: 4)
            for step in 0..<30 {
                for i in a.indices { XCTAssertEqual(a[i], masked.contains(i) ? 0 : b[i], "\(id) step \(step) component \(i)") }
                let action: Action = env.actionSpace.isDiscrete ? .discrete(step % 2) : .continuous([Float](repeating: 0.3, count: env.actionSpace.size))
                let (nextA, resultA) = try env.step(action), (nextB, resultB) = try reference.step(action)
                XCTAssertEqual(resultA, resultB, id)
                (a, b) = (nextA, nextB)
                if resultA.done { break }
            }
        }
    }
}
