import Environments
import Foundation
import SeededRandom

/// gymnasium's `InvertedDoublePendulum-v4`: balance two poles on a cart; 10 a step less the tip's distance
/// from the top and the poles' speeds, until the tip falls to 1 m.
public typealias InvertedDoublePendulum = MuJoCoEnvironment<InvertedDoublePendulumTask>

public struct InvertedDoublePendulumTask: MuJoCoTask {
    public static let id = "InvertedDoublePendulum-v4"
    public static let modelFile = ModelFile.invertedDoublePendulum
    public static let camera = MuJoCoCamera(distance: 4.1225, lookat: [0, 0, 0.12250000000000005])
    public static let frameSkip = 5
    /// Cart position, sines and cosines of the two hinge angles, velocities and constraint forces (clipped to ±10).
    public static let observationSize = 11
    public static let rewardThreshold: Double? = 9100

    /// The pole's tip (site 0).
    static let tip = 0

    public init(model: MuJoCoModel) {}

    public func perturb(qpos: UnsafeMutableBufferPointer<Double>, qvel: UnsafeMutableBufferPointer<Double>, generator: inout Xoshiro256) {
        qpos.addUniformNoise(0.1, &generator)
        qvel.addGaussianNoise(0.1, &generator)
    }

    public func finishStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>) -> (reward: Double, terminated: Bool) {
        let tip = state.sitePosition(Self.tip)
        let distancePenalty = 0.01 * (tip.x * tip.x) + (tip.z - 2) * (tip.z - 2)
        let v1 = state.qvel[1], v2 = state.qvel[2]
        let velocityPenalty = 1e-3 * (v1 * v1) + 5e-3 * (v2 * v2)
        return (10 - distancePenalty - velocityPenalty, tip.z <= 1)
    }

    public func observe(_ state: MuJoCoState, into observation: UnsafeMutableBufferPointer<Double>) {
        var out = ObservationWriter(observation)
        let qpos = state.qpos
        out.append(qpos[0])
        for i in 1..<qpos.count { out.append(sin(qpos[i])) }
        for i in 1..<qpos.count { out.append(cos(qpos[i])) }
        for v in state.qvel { out.append(clip(v, -10, 10)) }
        for f in state.constraintForces { out.append(clip(f, -10, 10)) }
    }
}
