import Environments
import SeededRandom

/// gymnasium's `InvertedPendulum-v4`: keep a pole upright on a cart; 1 a step until the pole leans past 0.2 rad.
public typealias InvertedPendulum = MuJoCoEnvironment<InvertedPendulumTask>

public struct InvertedPendulumTask: MuJoCoTask {
    public static let id = "InvertedPendulum-v4"
    public static let modelFile = ModelFile.invertedPendulum
    public static let camera = MuJoCoCamera(distance: 2.04)
    public static let frameSkip = 2
    /// Cart position, pole angle, their velocities.
    public static let observationSize = 4
    public static let rewardThreshold: Double? = 950

    public init(model: MuJoCoModel) {}

    public func perturb(qpos: UnsafeMutableBufferPointer<Double>, qvel: UnsafeMutableBufferPointer<Double>, generator: inout Xoshiro256) {
        qpos.addUniformNoise(0.01, &generator)
        qvel.addUniformNoise(0.01, &generator)
    }

    public func finishStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>) -> (reward: Double, terminated: Bool) {
        let finite = state.qpos.allSatisfy(\.isFinite) && state.qvel.allSatisfy(\.isFinite)
        return (1, !finite || abs(state.qpos[1]) > 0.2)
    }

    public func observe(_ state: MuJoCoState, into observation: UnsafeMutableBufferPointer<Double>) {
        var out = ObservationWriter(observation)
        out.append(contentsOf: state.qpos)
        out.append(contentsOf: state.qvel)
    }
}
