import Environments
import SeededRandom

/// gymnasium's `Ant-v4` (without contact forces, its default): a four-legged robot walks forward; the
/// reward is the torso's forward speed plus 1 for being alive (the terminal step too, as in v4) less
/// 0.5 × the squared controls. It terminates once the state is not finite or the torso leaves heights [0.2, 1] m.
public typealias Ant = MuJoCoEnvironment<AntTask>

public struct AntTask: MuJoCoTask {
    public static let id = "Ant-v4"
    public static let modelFile = ModelFile.ant
    public static let camera = MuJoCoCamera(distance: 4)
    public static let frameSkip = 5
    /// Positions without x and y, then every velocity.
    public static let observationSize = 27
    public static let rewardThreshold: Double? = 6000

    let torso: Int
    var xBefore = 0.0

    public init(model: MuJoCoModel) throws(EnvironmentError) {
        torso = try model.bodyIndex("torso")
    }

    public func perturb(qpos: UnsafeMutableBufferPointer<Double>, qvel: UnsafeMutableBufferPointer<Double>, generator: inout Xoshiro256) {
        qpos.addUniformNoise(0.1, &generator)
        qvel.addGaussianNoise(0.1, &generator)
    }

    public mutating func prepareStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>) {
        xBefore = state.bodyPosition(torso).x
    }

    public func finishStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>) -> (reward: Double, terminated: Bool) {
        let velocity = Self.speed(from: xBefore, to: state.bodyPosition(torso).x, state)
        let reward = (velocity + 1.0) - controlCost(action, weight: 0.5)
        let z = state.qpos[2]
        let healthy = state.qpos.allSatisfy(\.isFinite) && state.qvel.allSatisfy(\.isFinite) && 0.2 <= z && z <= 1.0
        return (reward, !healthy)
    }

    public func observe(_ state: MuJoCoState, into observation: UnsafeMutableBufferPointer<Double>) {
        var out = ObservationWriter(observation)
        out.append(contentsOf: state.qpos[2...])
        out.append(contentsOf: state.qvel)
    }
}
