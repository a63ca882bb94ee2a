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

    /// Counts one step that ended the task or not, and returns whether the limit truncates it;
    /// as gymnasium's wrapper does, a step can be both terminated and truncated.
    @inlinable
    public mutating func countStep(terminated: Bool) -> Bool {
        steps &+= 1
        let truncated = steps >= maxEpisodeSteps
        if terminated || truncated { currentPhase = .ended }
        return truncated
    }
}

/// An environment registered under one id whose episodes a `TimeLimit` counts: gives
/// `Environment`'s `id`, `maxEpisodeSteps` and `elapsedSteps`.
@usableFromInline
protocol TimeLimited: Environment {
    static var registeredID: String { get }
    var timeLimit: TimeLimit { get set }
}

extension TimeLimited {
    @inlinable public var id: String { Self.registeredID }
    @inlinable public var maxEpisodeSteps: Int { timeLimit.maxEpisodeSteps }
    @inlinable public var elapsedSteps: Int { timeLimit.elapsedSteps }
}
