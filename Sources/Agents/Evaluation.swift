import Foundation
import Engine
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
    /// The standard error of the mean return: standardDeviation / √episodes.
    public var standardError: Double { standardDeviation / Double(max(returns.count, 1)).squareRoot() }
    /// The mean return less `k` standard errors: what a confirmation with margin `k` compares.
    public func mean(lessStandardErrors k: Double) -> Double { mean - k * standardError }
    public var meanLength: Double { Double(lengths.reduce(0, +)) / Double(max(lengths.count, 1)) }
    /// Share of episodes at or above the reward threshold (nil when the env has none).
    public var solvedShare: Double? {
        rewardThreshold.map { t in Double(returns.filter { $0 >= t }.count) / Double(max(returns.count, 1)) }
    }
}

/// Why an evaluation could not run.
public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    case invalidEpisodeCount(Int)
    case environment(EnvironmentError)
    case mismatch(ModelMismatch)
    case network(ShapeError)

    public var description: String {
        switch self {
        case let .invalidEpisodeCount(n): "evaluation needs at least 1 episode, got \(n)"
        case let .environment(error): error.description
        case let .mismatch(error): error.description
        case let .network(error): error.description
        }
    }
}

public enum Evaluation {
    /// Runs `episodes` episodes of the environment registered as the model's `envID`, episode i
    /// reset with a seed derived from `seed`.
    public static func run(_ model: TrainedModel, episodes: Int, deterministic: Bool, seed: UInt64 = 0) throws(EvaluationError) -> EvaluationSummary {
        let spec: EnvironmentSpec
        do { spec = try Registry.spec(model.envID) } catch { throw .environment(error) }
        return try run(model, on: spec, episodes: episodes, deterministic: deterministic, seed: seed)
    }

    /// Runs `episodes` episodes of `spec`'s environment (registered or not) with its time limit.
    /// Throws before the first step when the model does not fit the environment.
    public static func run(_ model: TrainedModel, on spec: EnvironmentSpec, episodes: Int, deterministic: Bool,
                           seed: UInt64 = 0) throws(EvaluationError) -> EvaluationSummary {
        guard episodes > 0 else { throw .invalidEpisodeCount(episodes) }
        return try run(model, factory: spec.factory, threshold: spec.rewardThreshold, episodes: episodes,
                       deterministic: deterministic, seed: seed)
    }

    static func run<F: EnvironmentFactory>(_ model: TrainedModel, factory: F, threshold: Double?, episodes: Int,
                                           deterministic: Bool, seed: UInt64) throws(EvaluationError) -> EvaluationSummary {
        var env = factory.make()
        do { try model.checkFits(env) } catch { throw .mismatch(error) }
        let policy: Policy
        do { policy = try model.makePolicy() } catch { throw .network(error) }
        var rng = Xoshiro256(seed: seed)
        var observation = [Float](repeating: 0, count: env.observationSpace.size)
        var action = [Float](repeating: 0, count: policy.actionWidth)
        var returns: [Double] = [], lengths: [Int] = []
        for _ in 0..<episodes {
            env.reset(seed: rng.next(), observation: &observation)
            policy.reset()
            var total = 0.0, length = 0, done = false
            while !done {
                policy.act(observation, deterministic: deterministic, rng: &rng, action: &action)
                let result: StepResult
                do {
                    result = env.actionSpace.isDiscrete
                        ? try env.step(discrete: Int(action[0]), observation: &observation)
                        : try action.withUnsafeBufferPointer { (a) throws(EnvironmentError) in try env.step(continuous: a, observation: &observation) }
                } catch {
                    throw .environment(error)
                }
                total += result.reward
                length += 1
                done = result.done
            }
            returns.append(total)
            lengths.append(length)
        }
        return EvaluationSummary(returns: returns, lengths: lengths, rewardThreshold: threshold)
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
