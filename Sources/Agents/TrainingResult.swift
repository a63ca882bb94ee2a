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

extension TrainingResult {
    /// The metrics at the end of the run, as a progress report (for the last CSV row).
    public var finalReport: ProgressReport {
        ProgressReport(seconds: seconds, steps: steps, stepsPerSecond: seconds > 0 ? Double(steps) / seconds : 0,
                       updates: updates, episodes: episodes.count, mean100: finalMean100, loss: nil)
    }

    /// A few lines for the end of a run: wall time, steps, rate, and when it was solved.
    public var summary: String {
        var lines = [String(format: "done (%@): %.2f s wall, %d steps (%.0f steps/s), %d updates, %d episodes, final mean100 %@",
                            stopReason.rawValue, seconds, steps, seconds > 0 ? Double(steps) / seconds : 0, updates,
                            episodes.count, finalMean100.map { String(format: "%.1f", $0) } ?? "-")]
        if let solvedAt {
            lines.append(String(format: "solved at %.2f s, %d steps (mean100 %.1f)", solvedAt.seconds, solvedAt.step, solvedAt.mean100))
        }
        return lines.joined(separator: "\n")
    }
}
