import Engine

/// What a finished run hands back: the trained model and how the run went.
public struct TrainingResult: Sendable {
    public var envID: String
    public var hyperparameters: Hyperparameters
    public var architecture: Architecture
    public var parameters: [Float]
    /// Observation statistics when `normalizeObservations` is on.
    public var observationStatistics: RunningMeanStd?
    /// The episodes of this session (a resumed run's earlier ones are counted in `progress`).
    public var episodes: [EpisodeRecord]
    /// Environment steps of the returned model (earlier sessions included): the whole run's, except
    /// when the budget ran out and an earlier evaluated model scored better (`evaluation`).
    public var steps: Int
    /// Updates of the whole run.
    public var updates: Int
    /// Wall seconds of the whole run.
    public var seconds: Double
    public var stopReason: StopReason
    /// The episode at which the mean return of the last 100 reached the target: the one whose
    /// confirming evaluation reached it too (`Hyperparameters.confirmationEpisodes`), or without
    /// confirmation the first.
    public var solvedAt: EpisodeRecord?
    /// Counters, the mean100 window and the optimiser state: what resuming the run needs.
    public var progress: TrainingProgress
    /// The deterministic evaluation of the returned model, when the run made one: the confirming
    /// evaluation of a solved run, or, when the budget ran out after confirming evaluations that
    /// fell short, the better of the best of them and the last model's (the model returned).
    public var evaluation: EvaluationReport? = nil

    /// Mean return of the last 100 episodes at the end (nil if none finished).
    public var finalMean100: Double? { progress.mean100 }

    /// The trained policy, ready to act, to be saved, or to resume from.
    public var model: TrainedModel {
        TrainedModel(envID: envID, architecture: architecture, parameters: parameters,
                     observationStatistics: observationStatistics, hyperparameters: hyperparameters, steps: steps,
                     progress: progress)
    }
}

extension TrainingResult {
    /// The metrics at the end of the run, as a progress report (for the last CSV row).
    public var finalReport: ProgressReport {
        let recent = episodes.suffix(100)
        return ProgressReport(seconds: seconds, steps: steps, stepsPerSecond: seconds > 0 ? Double(steps) / seconds : 0,
                              updates: updates, episodes: progress.episodes, mean100: finalMean100, loss: nil,
                              meanLength100: recent.isEmpty ? nil : Double(recent.reduce(0) { $0 + $1.length }) / Double(recent.count),
                              learningRate: Double(hyperparameters.learningRate(atStep: steps)))
    }

    /// A few lines for the end of a run: wall time, steps, rate, and when it was solved.
    public var summary: String {
        var lines = [String(format: "done (%@): %.2f s wall, %d steps (%.0f steps/s), %d updates, %d episodes, final mean100 %@",
                            stopReason.rawValue, seconds, steps, seconds > 0 ? Double(steps) / seconds : 0, updates,
                            progress.episodes, finalMean100.map { String(format: "%.1f", $0) } ?? "-")]
        if let solvedAt {
            lines.append(String(format: "solved at %.2f s, %d steps (mean100 %.1f)", solvedAt.seconds, solvedAt.step, solvedAt.mean100))
        }
        if let evaluation {
            let what: String
            if case .confirmation(_, _, true, _, _) = evaluation.kind { what = "confirmed by a deterministic evaluation" }
            else { what = "the model returned (\(evaluation.progress.steps) steps) is the best evaluated" }
            lines.append(String(format: "%@: return %.2f ± %.2f over %d episodes", what, evaluation.summary.mean,
                                evaluation.summary.standardDeviation, evaluation.summary.returns.count))
        }
        return lines.joined(separator: "\n")
    }
}
