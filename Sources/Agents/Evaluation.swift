import Foundation
import Environments
import SeededRandom

/// Returns of a trained model over seeded episodes.
public struct EvaluationSummary: Sendable, Equatable {
    public var returns: [Double]
    public var lengths: [Int]
    public var rewardThreshold: Double?

    public var mean: Double { returns.reduce(0, +) / Double(max(returns.count, 1)) }
    public var standardDeviation: Double {
        let m = mean
        return (returns.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(max(returns.count, 1))).squareRoot()
    }
    public var meanLength: Double { Double(lengths.reduce(0, +)) / Double(max(lengths.count, 1)) }
    /// Share of episodes at or above the reward threshold (nil when the env has none).
    public var solvedShare: Double? {
        rewardThreshold.map { t in Double(returns.filter { $0 >= t }.count) / Double(max(returns.count, 1)) }
    }
}

public enum Evaluation {
    /// Runs `episodes` episodes of the model's environment, episode i reset with a seed derived from `seed`.
    public static func run(_ model: TrainedModel, episodes: Int, deterministic: Bool, seed: UInt64 = 0) throws -> EvaluationSummary {
        precondition(episodes > 0, "evaluation needs at least one episode, got \(episodes)")
        let spec = try Registry.spec(model.envID)
        var env = spec.make()
        let policy = try model.makePolicy()
        var rng = Xoshiro256(seed: seed)
        var observation = [Float](repeating: 0, count: env.observationSpace.size)
        var action = [Float](repeating: 0, count: model.architecture.policy.outputs)
        var returns: [Double] = [], lengths: [Int] = []
        for _ in 0..<episodes {
            env.reset(seed: rng.next(), observation: &observation)
            var total = 0.0, length = 0, done = false
            while !done {
                policy.act(observation, deterministic: deterministic, rng: &rng, action: &action)
                let result = env.actionSpace.isDiscrete
                    ? try env.step(discrete: Int(action[0]), observation: &observation)
                    : try action.withUnsafeBufferPointer { try env.step(continuous: $0, observation: &observation) }
                total += result.reward
                length += 1
                done = result.done
            }
            returns.append(total)
            lengths.append(length)
        }
        return EvaluationSummary(returns: returns, lengths: lengths, rewardThreshold: spec.rewardThreshold)
    }
}

extension Environment {
    mutating func reset(seed: UInt64?, observation: inout [Float]) {
        observation.withUnsafeMutableBufferPointer { reset(seed: seed, observation: $0) }
    }

    mutating func step(discrete action: Int, observation: inout [Float]) throws(EnvironmentError) -> StepResult {
        try observation.withUnsafeMutableBufferPointer { (o) throws(EnvironmentError) in try step(discrete: action, observation: o) }
    }

    mutating func step(continuous action: UnsafeBufferPointer<Float>, observation: inout [Float]) throws(EnvironmentError) -> StepResult {
        try observation.withUnsafeMutableBufferPointer { (o) throws(EnvironmentError) in try step(continuous: action, observation: o) }
    }
}
