import Environments
import SeededRandom

/// A point in the square [−1, 1]² must reach a target: the action (two values, clipped to
/// [−1, 1]) moves it by 0.1·a; each step costs the distance left; the episode ends within 0.05
/// of the target, or after 100 steps (the registered limit). Observation: point and target.
public struct PointReach: Environment, Sendable {
    /// The registration: id, time limit and the mean return that counts as solved.
    public static let spec = EnvironmentSpec(id: "PointReach-v0", maxEpisodeSteps: 100, rewardThreshold: -12,
                                             make: { PointReach() })

    var point = (x: 0.0, y: 0.0)
    var target = (x: 0.0, y: 0.0)
    var generator = Xoshiro256(seed: 0)

    public init() {}

    public var id: String { "PointReach-v0" }
    public var observationSpace: BoxSpace { BoxSpace(low: [-1, -1, -1, -1], high: [1, 1, 1, 1]) }
    public var actionSpace: ActionSpace { .box(BoxSpace(low: [-1, -1], high: [1, 1])) }

    /// Point and target uniform in the square, from the seeded generator.
    public mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) {
        if let seed { generator = Xoshiro256(seed: seed) }
        point = (generator.uniform(-1, 1), generator.uniform(-1, 1))
        target = (generator.uniform(-1, 1), generator.uniform(-1, 1))
        observe(observation)
    }

    public mutating func step(continuous action: UnsafeBufferPointer<Float>,
                              observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        guard action.count == 2, action[0].isFinite, action[1].isFinite else {
            throw .invalidAction(env: id, action: "\(Array(action))", space: actionSpace, reason: "expected 2 finite values")
        }
        point.x = min(max(point.x + 0.1 * Double(min(max(action[0], -1), 1)), -1), 1)
        point.y = min(max(point.y + 0.1 * Double(min(max(action[1], -1), 1)), -1), 1)
        observe(observation)
        let distance = ((point.x - target.x) * (point.x - target.x) + (point.y - target.y) * (point.y - target.y)).squareRoot()
        return StepResult(reward: -distance, terminated: distance < 0.05)
    }

    func observe(_ observation: UnsafeMutableBufferPointer<Float>) {
        observation[0] = Float(point.x)
        observation[1] = Float(point.y)
        observation[2] = Float(target.x)
        observation[3] = Float(target.y)
    }
}
