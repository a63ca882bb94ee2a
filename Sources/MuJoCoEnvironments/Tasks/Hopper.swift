import Environments
import SeededRandom

/// gymnasium's `Hopper-v4`: a one-legged planar robot hops forward; the reward is its speed plus 1 for
/// being alive (the terminal step too, as in v4) less 1e-3 × the squared controls. It terminates once the
/// torso is below 0.7 m, tilts past 0.2 rad, or any other coordinate or velocity leaves ±100.
public typealias Hopper = MuJoCoEnvironment<HopperTask>

public struct HopperTask: MuJoCoTask {
    public static let id = "Hopper-v4"
    public static let modelFile = ModelFile.hopper
    public static let camera = MuJoCoCamera(distance: 3, lookat: [0, 0, 1.15], elevation: -20)
    public static let frameSkip = 4
    /// Positions without the forward one, then velocities clipped to ±10.
    public static let observationSize = 11
    public static let rewardThreshold: Double? = 3800

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
        let qpos = state.qpos
        let inRange = qpos[2...].allSatisfy { -100 < $0 && $0 < 100 } && state.qvel.allSatisfy { -100 < $0 && $0 < 100 }
        let healthy = inRange && 0.7 < qpos[1] && qpos[1] < .infinity && -0.2 < qpos[2] && qpos[2] < 0.2
        return (reward, !healthy)
    }

    public func observe(_ state: MuJoCoState, into observation: UnsafeMutableBufferPointer<Double>) {
        var out = ObservationWriter(observation)
        out.append(contentsOf: state.qpos[1...])
        for v in state.qvel { out.append(clip(v, -10, 10)) }
    }
}
