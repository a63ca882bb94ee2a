import Engine

/// Where a run stood when its checkpoint was written: what `Trainer.train(…, resumingFrom:)` needs
/// beyond the parameters to continue it (counters, the mean100 window, the optimiser's moments).
public struct TrainingProgress: Codable, Equatable, Sendable {
    /// Updates applied so far (the step count is `TrainedModel.steps`).
    public var updates: Int
    /// Episodes finished so far.
    public var episodes: Int
    /// Wall seconds trained so far, over all sessions.
    public var seconds: Double
    /// Returns of the last episodes (at most `TrainingProgress.windowSize`, oldest first): the window behind mean100.
    public var recentReturns: [Double]
    /// The optimiser's moments and update count; nil when the file was written without them
    /// (format 1), and a resumed run then starts with fresh optimiser statistics.
    public var optimizer: OptimizerState?
    /// The best mean return of the periodic evaluations so far (the one kept in the `best` file).
    public var bestEvaluationReturn: Double?

    /// The mean100 window's length.
    public static let windowSize = 100

    public init(updates: Int, episodes: Int, seconds: Double, recentReturns: [Double], optimizer: OptimizerState?,
                bestEvaluationReturn: Double? = nil) {
        self.updates = updates
        self.episodes = episodes
        self.seconds = seconds
        self.recentReturns = recentReturns
        self.optimizer = optimizer
        self.bestEvaluationReturn = bestEvaluationReturn
    }

    /// Mean return of the window (nil when empty).
    public var mean100: Double? { recentReturns.isEmpty ? nil : recentReturns.reduce(0, +) / Double(recentReturns.count) }
}
