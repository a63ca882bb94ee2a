import Environments
import SeededRandom

/// gymnasium's `HalfCheetah-v4`: a planar cheetah runs forward; the reward is its speed less 0.1 × the
/// squared controls. Never terminates.
public typealias HalfCheetah = MuJoCoEnvironment<HalfCheetahTask>

public struct HalfCheetahTask: MuJoCoTask {
    public static let id = "HalfCheetah-v4"
    public static let modelFile = ModelFile.halfCheetah
    public static let camera = MuJoCoCamera(distance: 4)
    public static let frameSkip = 5
    /// Positions without the forward one, then every velocity.
    public static let observationSize = 17
    public static let rewardThreshold: Double? = 4800

    var xBefore = 0.0

    public init(model: MuJoCoModel) {}

    public func perturb(qpos: UnsafeMutableBufferPointer<Double>, qvel: UnsafeMutableBufferPointer<Double>, generator: inout Xoshiro256) {
        qpos.addUniformNoise(0.1, &generator)
        qvel.addGaussianNoise(0.1, &generator)
    }

    public mutating func prepareStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>) {
        xBefore = state.qpos[0]
    }

    public func finishStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>) -> (reward: Double, terminated: Bool) {
        let velocity = Self.speed(from: xBefore, to: state.qpos[0], state)
        return (1.0 * velocity - controlCost(action, weight: 0.1), false)
    }

    public func observe(_ state: MuJoCoState, into observation: UnsafeMutableBufferPointer<Double>) {
        var out = ObservationWriter(observation)
        out.append(contentsOf: state.qpos[1...])
        out.append(contentsOf: state.qvel)
    }
}
