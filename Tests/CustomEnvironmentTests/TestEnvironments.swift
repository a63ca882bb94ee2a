import Agents
import Environments

/// A corridor of `length` cells: start in cell 0, action 1 moves right, 0 left (walls stop it);
/// reaching the last cell ends the episode with reward 1; every step costs 0.01.
/// Best return: 1 − 0.01·(length − 1).
struct Corridor: Environment {
    var length = 8
    var position = 0

    var observationSpace: BoxSpace { BoxSpace(low: [0], high: [1]) }
    var actionSpace: ActionSpace { .discrete(2) }

    mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) {
        position = 0
        observation[0] = 0
    }

    mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        guard action == 0 || action == 1 else {
            throw .invalidAction(env: id, action: "\(action)", space: actionSpace, reason: "expected 0 (left) or 1 (right)")
        }
        position = min(max(position + (action == 1 ? 1 : -1), 0), length - 1)
        observation[0] = Float(position) / Float(length - 1)
        let arrived = position == length - 1
        return StepResult(reward: arrived ? 0.99 : -0.01, terminated: arrived)
    }
}

/// A point on a line that must reach 0: the action (clipped to [−1, 1]) moves it by 0.2·a;
/// reward −|x| per step; the episode ends within 0.1 of 0. Starts at ±[0.5, 1.5].
struct PointMass: Environment {
    var x = 0.0
    var generator = Xoshiro256(seed: 0)

    var observationSpace: BoxSpace { BoxSpace(low: [-2], high: [2]) }
    var actionSpace: ActionSpace { .box(BoxSpace(low: [-1], high: [1])) }

    mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) {
        if let seed { generator = Xoshiro256(seed: seed) }
        x = (0.5 + generator.nextDouble()) * (generator.nextDouble() < 0.5 ? -1 : 1)
        observation[0] = Float(x)
    }

    mutating func step(continuous action: UnsafeBufferPointer<Float>, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        guard action.count == 1, action[0].isFinite else {
            throw .invalidAction(env: id, action: "\(Array(action))", space: actionSpace, reason: "expected 1 finite value")
        }
        x = min(max(x + 0.2 * Double(min(max(action[0], -1), 1)), -2), 2)
        observation[0] = Float(x)
        return StepResult(reward: -abs(x), terminated: abs(x) < 0.1)
    }
}

extension EnvironmentSpec {
    static func corridor(_ id: String) -> EnvironmentSpec {
        EnvironmentSpec(id: id, maxEpisodeSteps: 50, rewardThreshold: 0.85, make: { Corridor() })
    }

    static func pointMass(_ id: String) -> EnvironmentSpec {
        EnvironmentSpec(id: id, maxEpisodeSteps: 40, rewardThreshold: -4, make: { PointMass() })
    }
}
