/// How an episode ended, for environments that can tell.
public enum EpisodeEnding: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The lander body touched the ground (gymnasium's `game_over`).
    case crash
    /// The lander left the viewport sideways (|x| ≥ 1), or the walker the course to the left.
    case outOfBounds = "out of bounds"
    /// The lander came to rest (its body fell asleep).
    case rest
    /// The walker's hull touched the ground (gymnasium's `game_over`).
    case fell
    /// The walker reached the far end of the course.
    case finished
    /// The task ended for a reason the environment does not name.
    case terminated
    /// The registered time limit cut the episode.
    case timeLimit = "time limit"

    public var description: String { rawValue }
}

/// An environment that tells how its last episode ended (`nil` while one runs).
public protocol EpisodeEndingReporting {
    var episodeEnding: EpisodeEnding? { get }
}

extension LunarLanderEnvironment: EpisodeEndingReporting {}
extension BipedalWalker: EpisodeEndingReporting {}
