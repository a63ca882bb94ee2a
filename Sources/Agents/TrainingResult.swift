import Engine

/// What a finished run hands back: the trained model and how the run went.
public struct TrainingResult: Sendable {
    public var envID: String
    public var hyperparameters: Hyperparameters
    public var architecture: Architecture
    public var parameters: [Float]
    /// Observation statistics when `normalizeObservations` is on.
    public var observationStatistics: RunningMeanStd?
    public var episodes: [EpisodeRecord]
    public var steps: Int
    public var updates: Int
    public var seconds: Double
    public var stopReason: StopReason
    /// The episode at which the mean return of the last 100 first reached the target.
    public var solvedAt: EpisodeRecord?

    /// Mean return of the last 100 episodes at the end (nil if none finished).
    public var finalMean100: Double? { episodes.last?.mean100 }

    /// The trained policy, ready to act or to be saved.
    public var model: TrainedModel {
        TrainedModel(envID: envID, architecture: architecture, parameters: parameters,
                     observationStatistics: observationStatistics, hyperparameters: hyperparameters, steps: steps)
    }
}
