import Environments
import Foundation
import SeededRandom

/// gymnasium's `Reacher-v4`: move a two-link arm's fingertip to a random target; the reward is minus the
/// distance (taken before the step) and minus the squared controls. 50 steps, never terminates.
public typealias Reacher = MuJoCoEnvironment<ReacherTask>

public struct ReacherTask: MuJoCoTask {
    public static let id = "Reacher-v4"
    public static let modelFile = ModelFile.reacher
    public static let frameSkip = 2
    /// Cosines and sines of the two joint angles, the target's position, the joints' velocities, fingertip − target.
    public static let observationSize = 11
    public static let maxEpisodeSteps = 50
    public static let rewardThreshold: Double? = -3.75

    let fingertip: Int
    let target: Int
    var reward = 0.0

    public init(model: MuJoCoModel) throws(EnvironmentError) {
        fingertip = try model.bodyIndex("fingertip")
        target = try model.bodyIndex("target")
    }

    /// Arm angles `U(±0.1)`; the target uniform in the disc of radius 0.2 (drawn in the square until inside);
    /// arm velocities `U(±0.005)`, the target at rest.
    public func perturb(qpos: UnsafeMutableBufferPointer<Double>, qvel: UnsafeMutableBufferPointer<Double>, generator: inout Xoshiro256) {
        qpos.addUniformNoise(0.1, &generator)
        var goal: (x: Double, y: Double)
        repeat {
            goal = (generator.uniform(-0.2, 0.2), generator.uniform(-0.2, 0.2))
        } while (goal.x * goal.x + goal.y * goal.y).squareRoot() >= 0.2
        qpos[qpos.count - 2] = goal.x
        qpos[qpos.count - 1] = goal.y
        qvel.addUniformNoise(0.005, &generator)
        qvel[qvel.count - 2] = 0
        qvel[qvel.count - 1] = 0
    }

    public mutating func prepareStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>) {
        let gap = state.bodyPosition(fingertip) - state.bodyPosition(target)
        let distance = (gap.x * gap.x + gap.y * gap.y + gap.z * gap.z).squareRoot()
        reward = -distance + Double(-numpySumOfSquares(action))
    }

    public func finishStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>) -> (reward: Double, terminated: Bool) {
        (reward, false)
    }

    public func observe(_ state: MuJoCoState, into observation: UnsafeMutableBufferPointer<Double>) {
        var out = ObservationWriter(observation)
        let qpos = state.qpos
        out.append(cos(qpos[0]))
        out.append(cos(qpos[1]))
        out.append(sin(qpos[0]))
        out.append(sin(qpos[1]))
        out.append(contentsOf: qpos[2...])
        out.append(contentsOf: state.qvel[..<2])
        let gap = state.bodyPosition(fingertip) - state.bodyPosition(target)
        out.append(gap.x)
        out.append(gap.y)
        out.append(gap.z)
    }
}
