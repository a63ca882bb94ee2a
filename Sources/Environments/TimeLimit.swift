/// gymnasium's `TimeLimit` and `OrderEnforcing` wrappers in one value: counts the steps of the
/// current episode, reports `truncated` on the step that reaches the limit, and refuses steps
/// before the first reset or after the episode ended.
public struct TimeLimit: Sendable, Equatable {
    /// Where the environment is in its episode cycle.
    public enum Phase: Sendable, Equatable {
        case awaitingFirstReset
        case running
        case ended
    }

    /// The registered limit: the step that brings `elapsedSteps` to it is truncated.
    public let maxEpisodeSteps: Int
    /// Steps taken in the current episode.
    @inlinable public var elapsedSteps: Int { steps }
    @inlinable public var phase: Phase { currentPhase }

    @usableFromInline var steps: Int = 0
    @usableFromInline var currentPhase: Phase = .awaitingFirstReset

    public init(maxEpisodeSteps: Int) {
        precondition(maxEpisodeSteps > 0, "a time limit must be positive, got \(maxEpisodeSteps)")
        self.maxEpisodeSteps = maxEpisodeSteps
    }

    /// Starts an episode: the counter goes back to 0.
    @inlinable
    public mutating func startEpisode() {
        steps = 0
        currentPhase = .running
    }

    /// Throws unless a step may be taken now: after a reset and before the episode ended.
    @inlinable
    public func checkRunning(env: @autoclosure () -> String) throws(EnvironmentError) {
        switch currentPhase {
        case .running: return
        case .awaitingFirstReset: throw .notReset(env: env())
        case .ended: throw .episodeEnded(env: env())
        }
    }

    /// Counts one step that ended the episode or not, and returns whether the limit truncates it;
    /// as gymnasium's wrapper does, a step can be both terminated and truncated.
    @inlinable
    public mutating func countStep(terminated: Bool) -> Bool {
        steps &+= 1
        let truncated = steps >= maxEpisodeSteps
        if terminated || truncated { currentPhase = .ended }
        return truncated
    }
}

/// gymnasium's `TimeLimit` and `OrderEnforcing` wrappers around any environment: truncates the
/// step that reaches `maxEpisodeSteps` (`nil`: never), refuses steps before the first reset and
/// after the episode ended, and names errors by the registered id. `EnvironmentSpec.make()`
/// returns environments wrapped in it; the trainers, evaluation and rollouts step through it.
public struct TimeLimited<Base: Environment>: Environment {
    /// The wrapped environment.
    public var base: Base
    @usableFromInline var limit: TimeLimit
    @usableFromInline let registeredID: String

    /// `base` with the limit `maxEpisodeSteps` (positive, or `nil` for none), named `id` in errors.
    public init(_ base: Base, maxEpisodeSteps: Int?, id: String? = nil) {
        precondition(maxEpisodeSteps.map { $0 > 0 } ?? true, "a time limit must be positive, got \(maxEpisodeSteps!)")
        self.base = base
        limit = TimeLimit(maxEpisodeSteps: maxEpisodeSteps ?? .max)
        registeredID = id ?? base.id
    }

    @inlinable public var id: String { registeredID }
    @inlinable public var observationSpace: BoxSpace { base.observationSpace }
    @inlinable public var actionSpace: ActionSpace { base.actionSpace }
    /// The registered limit, `nil` when there is none.
    @inlinable public var maxEpisodeSteps: Int? { limit.maxEpisodeSteps == .max ? nil : limit.maxEpisodeSteps }
    /// Steps taken in the current episode.
    @inlinable public var elapsedSteps: Int { limit.elapsedSteps }
    @inlinable public var phase: TimeLimit.Phase { limit.phase }

    @inlinable
    public mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) {
        base.reset(seed: seed, observation: observation)
        limit.startEpisode()
    }

    @inlinable
    public mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        try limit.checkRunning(env: registeredID)
        var result = try base.step(discrete: action, observation: observation)
        result.truncated = limit.countStep(terminated: result.done) || result.truncated
        return result
    }

    @inlinable
    public mutating func step(continuous action: UnsafeBufferPointer<Float>, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        try limit.checkRunning(env: registeredID)
        var result = try base.step(continuous: action, observation: observation)
        result.truncated = limit.countStep(terminated: result.done) || result.truncated
        return result
    }
}

extension TimeLimited: ReplayableEnvironment where Base: ReplayableEnvironment {
    public var state: [Double] { base.state }
    public var exactObservation: [Double]? { base.exactObservation }

    /// Sets the base's state and starts an episode from it: the step counter at 0.
    public mutating func setState(_ state: [Double], observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) {
        try base.setState(state, observation: observation)
        limit.startEpisode()
    }
}

extension TimeLimited: EpisodeEndingReporting where Base: EpisodeEndingReporting {
    /// The base's account, or `.timeLimit` when the limit cut an episode the base had not ended.
    public var episodeEnding: EpisodeEnding? {
        if let ending = base.episodeEnding { return ending }
        return limit.phase == .ended ? .timeLimit : nil
    }
}

extension TimeLimited: Sendable where Base: Sendable {}
