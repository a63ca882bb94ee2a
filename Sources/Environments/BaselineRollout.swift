import SeededRandom

/// A fixed policy to measure an environment against.
public enum BaselinePolicy: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Uniform actions drawn with a seeded generator: discrete uniform, or uniform within a box.
    case random
    /// gymnasium's hand-written controller (`LunarLanderHeuristic`, `BipedalWalkerHeuristic`);
    /// LunarLander and BipedalWalker variants only.
    case heuristic

    public var description: String { rawValue }

    /// The policies that can drive the environment registered as `spec`.
    public static func available(for spec: EnvironmentSpec) -> [BaselinePolicy] {
        Heuristic(spec.type) == nil ? [.random] : [.random, .heuristic]
    }
}

/// The hand-written controller gymnasium gives an environment type, if any.
enum Heuristic {
    case lander, walker

    init?(_ type: any Environment.Type) {
        if type is LunarLander.Type || type is LunarLanderContinuous.Type {
            self = .lander
        } else if type is BipedalWalker.Type {
            self = .walker
        } else {
            return nil
        }
    }
}

/// Returns, lengths and endings of a baseline's episodes.
public struct RolloutSummary: Sendable {
    public let envID: String
    public let policy: BaselinePolicy
    /// Undiscounted return of each episode, in order.
    public let returns: [Double]
    /// Steps of each episode, in order.
    public let lengths: [Int]
    /// The registered "solved" return, if any.
    public let rewardThreshold: Double?
    /// Episodes by how they ended: the environment's own account when it gives one
    /// (`EpisodeEndingReporting`), else `.terminated` or `.timeLimit`.
    public let endings: [EpisodeEnding: Int]

    public var episodes: Int { returns.count }
    public var meanReturn: Double { returns.reduce(0, +) / Double(returns.count) }
    /// Population standard deviation of the returns (NumPy's `std`).
    public var returnStandardDeviation: Double {
        let mean = meanReturn
        return (returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count)).squareRoot()
    }
    public var meanLength: Double { Double(lengths.reduce(0, +)) / Double(lengths.count) }
    /// Share of episodes whose return is at or above the threshold; `nil` without one.
    public var shareAtThreshold: Double? {
        rewardThreshold.map { t in Double(returns.filter { $0 >= t }.count) / Double(returns.count) }
    }
}

/// A rollout request that cannot run; the message says what is wrong and what is expected.
public enum RolloutError: Error, Equatable, CustomStringConvertible {
    case policyUnavailable(BaselinePolicy, envID: String, available: [BaselinePolicy])
    case invalidEpisodeCount(Int)
    case unboundedActionSpace(envID: String, space: ActionSpace)

    public var description: String {
        switch self {
        case let .policyUnavailable(policy, envID, available):
            "policy \"\(policy)\" is not available for \(envID); available: \(available.map(\.rawValue).joined(separator: ", "))"
        case let .invalidEpisodeCount(n):
            "episode count \(n) is invalid: expected at least 1"
        case let .unboundedActionSpace(envID, space):
            "\(envID): cannot draw uniform actions from \(space): expected finite bounds"
        }
    }
}

/// Runs `episodes` episodes of `policy` on the environment registered as `envID` (or an alias).
/// Episode `k` is reset with seed `seed + k`; the random policy draws from a generator split
/// off `seed`, so the same arguments give the same summary.
public func rollout(envID: String, policy: BaselinePolicy, episodes: Int, seed: UInt64) throws -> RolloutSummary {
    let spec = try Registry.spec(envID)
    guard episodes >= 1 else { throw RolloutError.invalidEpisodeCount(episodes) }
    let available = BaselinePolicy.available(for: spec)
    guard available.contains(policy) else {
        throw RolloutError.policyUnavailable(policy, envID: spec.id, available: available)
    }
    return try rollout(spec.factory, spec: spec, policy: policy, episodes: episodes, seed: seed)
}

func rollout<F: EnvironmentFactory>(_ factory: F, spec: EnvironmentSpec, policy: BaselinePolicy, episodes: Int, seed: UInt64) throws -> RolloutSummary {
    var env = factory.make()
    let space = env.actionSpace
    if case .box(let box) = space, !(box.low + box.high).allSatisfy(\.isFinite) {
        throw RolloutError.unboundedActionSpace(envID: spec.id, space: space)
    }
    var parent = Xoshiro256(seed: seed)
    var generator = parent.split()
    var observation = [Float](repeating: 0, count: env.observationSpace.size)
    var action = [Float](repeating: 0, count: space.isDiscrete ? 0 : space.size)
    var returns: [Double] = [], lengths: [Int] = []
    var endings: [EpisodeEnding: Int] = [:]
    let heuristic = policy == .heuristic ? Heuristic(F.Base.self) : nil
    var walker = BipedalWalkerHeuristic()

    for k in 0..<episodes {
        observation.withUnsafeMutableBufferPointer { env.reset(seed: seed &+ UInt64(k), observation: $0) }
        walker = BipedalWalkerHeuristic()
        var total = 0.0
        var result = StepResult(reward: 0, terminated: false, truncated: false)
        while !result.done {
            result = try observation.withUnsafeMutableBufferPointer { (obs) throws(EnvironmentError) -> StepResult in
                switch space {
                case .discrete(let n):
                    let a = heuristic == .lander
                        ? LunarLanderHeuristic.discreteAction(observation: UnsafeBufferPointer(obs))
                        : generator.nextInt(below: n)
                    return try env.step(discrete: a, observation: obs)
                case .box(let box):
                    switch heuristic {
                    case .lander:
                        let a = LunarLanderHeuristic.continuousAction(observation: UnsafeBufferPointer(obs))
                        action[0] = a.main
                        action[1] = a.lateral
                    case .walker:
                        (action[0], action[1], action[2], action[3]) = walker.action(observation: UnsafeBufferPointer(obs))
                    case nil:
                        for i in action.indices { action[i] = box.low[i] + (box.high[i] - box.low[i]) * generator.nextFloat() }
                    }
                    return try action.withUnsafeBufferPointer { (a) throws(EnvironmentError) in
                        try env.step(continuous: a, observation: obs)
                    }
                }
            }
            total += result.reward
        }
        returns.append(total)
        lengths.append(env.elapsedSteps)
        let ending = (env as? EpisodeEndingReporting)?.episodeEnding ?? (result.terminated ? .terminated : .timeLimit)
        endings[ending, default: 0] += 1
    }
    return RolloutSummary(envID: spec.id, policy: policy, returns: returns, lengths: lengths,
                          rewardThreshold: spec.rewardThreshold, endings: endings)
}
