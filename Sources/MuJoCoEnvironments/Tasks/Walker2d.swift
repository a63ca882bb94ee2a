import Environments
import SeededRandom

/// gymnasium's `Walker2d-v4`: a two-legged planar robot walks forward; the reward is its speed plus 1 for
/// being alive (the terminal step too, as in v4) less 1e-3 × the squared controls. It terminates once the
/// torso leaves heights (0.8, 2) m or tilts past 1 rad.
public typealias Walker2d = MuJoCoEnvironment<Walker2dTask>

public struct Walker2dTask: MuJoCoTask {
    public static let id = "Walker2d-v4"
    public static let modelFile = ModelFile.walker2d
    public static let camera = MuJoCoCamera(distance: 4, lookat: [0, 0, 1.15], elevation: -20)
    public static let frameSkip = 4
    /// Positions without the forward one, then velocities clipped to ±10.
    public static let observationSize = 17
    /// gymnasium registers none.
    public static let rewardThreshold: Double? = nil

    var xBefore = 0.0

    public init(model: MuJoCoModel) {}

    public func perturb(qpos: UnsafeMutableBufferPointer<Double>, qvel: UnsafeMutableBufferPointer<Double>, generator: inout Xoshiro256) {
        qpos.addUniformNoise(5e-3, &generator)
        qvel.addUniformNoise(5e-3, &generator)
    }

    public mutating func prepareStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>) {
        xBefore = state.qpos[0]
    }

    public func finishStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>) -> (reward: Double, terminated: Bool) {
        let velocity = Self.speed(from: xBefore, to: state.qpos[0], state)
        let reward = (1.0 * velocity + 1.0) - controlCost(action, weight: 1e-3)
        let z = state.qpos[1], angle = state.qpos[2]
        let healthy = 0.8 < z && z < 2.0 && -1.0 < angle && angle < 1.0
        return (reward, !healthy)
    }

    public func observe(_ state: MuJoCoState, into observation: UnsafeMutableBufferPointer<Double>) {
        var out = ObservationWriter(observation)
        out.append(contentsOf: state.qpos[1...])
        for v in state.qvel { out.append(clip(v, -10, 10)) }
    }
}
