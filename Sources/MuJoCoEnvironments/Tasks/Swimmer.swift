import Environments
import SeededRandom

/// gymnasium's `Swimmer-v4`: a three-link swimmer in a viscous fluid; the reward is its forward speed less
/// 1e-4 × the squared controls. Never terminates.
public typealias Swimmer = MuJoCoEnvironment<SwimmerTask>

public struct SwimmerTask: MuJoCoTask {
    public static let id = "Swimmer-v4"
    public static let modelFile = ModelFile.swimmer
    public static let frameSkip = 4
    /// The joint positions after the x, y slides, then every velocity.
    public static let observationSize = 8
    public static let rewardThreshold: Double? = 360

    var xBefore = 0.0

    public init(model: MuJoCoModel) {}

    public func perturb(qpos: UnsafeMutableBufferPointer<Double>, qvel: UnsafeMutableBufferPointer<Double>, generator: inout Xoshiro256) {
        qpos.addUniformNoise(0.1, &generator)
        qvel.addUniformNoise(0.1, &generator)
    }

    public mutating func prepareStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>) {
        xBefore = state.qpos[0]
    }

    public func finishStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>) -> (reward: Double, terminated: Bool) {
        let velocity = Self.speed(from: xBefore, to: state.qpos[0], state)
        return (1.0 * velocity - controlCost(action, weight: 1e-4), false)
    }

    public func observe(_ state: MuJoCoState, into observation: UnsafeMutableBufferPointer<Double>) {
        var out = ObservationWriter(observation)
        out.append(contentsOf: state.qpos[2...])
        out.append(contentsOf: state.qvel)
    }
}
