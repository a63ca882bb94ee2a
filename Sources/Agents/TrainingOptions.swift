import Foundation

/// What happens around a run on the calling thread, besides training: progress reports, periodic
/// checkpoints, periodic evaluations with the best model kept (as Stable-Baselines3's
/// `CheckpointCallback` and `EvalCallback`).
public struct TrainingOptions: Sendable, Equatable {
    /// Seconds between progress reports.
    public var progressInterval: Double = 2
    /// Where periodic checkpoints go; the best model goes beside it (`bestModelPath(for:)`).
    public var checkpointPath: String?
    /// Seconds between checkpoints written to `checkpointPath` while training (nil: none).
    public var saveEvery: Double?
    /// Environment steps between deterministic evaluations (nil: none).
    public var evaluateEvery: Int?
    /// Episodes per evaluation.
    public var evaluationEpisodes = 10
    /// Seed of the evaluation episodes: the same episodes every time, so evaluations compare.
    public var evaluationSeed: UInt64 = 0x5EED_0E7A
    /// Threads A2C steps its environments on, in shards (nil: one per core; never more than
    /// environments). The results are the same for every count.
    public var environmentThreads: Int?

    public init(progressInterval: Double = 2, checkpointPath: String? = nil, saveEvery: Double? = nil,
                evaluateEvery: Int? = nil, evaluationEpisodes: Int = 10, environmentThreads: Int? = nil) {
        self.environmentThreads = environmentThreads
        self.progressInterval = progressInterval
        self.checkpointPath = checkpointPath
        self.saveEvery = saveEvery
        self.evaluateEvery = evaluateEvery
        self.evaluationEpisodes = evaluationEpisodes
    }

    /// The best model's file beside a checkpoint: `runs/cartpole.json` → `runs/cartpole.best.json`
    /// (a name without an extension gets `.best`).
    public static func bestModelPath(for checkpointPath: String) -> String {
        let url = URL(fileURLWithPath: checkpointPath)
        let ext = url.pathExtension
        guard !ext.isEmpty else { return checkpointPath + ".best" }
        return url.deletingPathExtension().path + ".best." + ext
    }

    /// The best model's file, when evaluations run and a checkpoint path is set.
    public var bestModelPath: String? {
        guard evaluateEvery != nil, let checkpointPath else { return nil }
        return Self.bestModelPath(for: checkpointPath)
    }

    public func validate() throws(TrainingError) {
        func check(_ ok: Bool, _ message: @autoclosure () -> String) throws(TrainingError) {
            if !ok { throw .invalidHyperparameter(message()) }
        }
        try check(progressInterval > 0 && progressInterval.isFinite, "progress interval must be positive seconds, got \(progressInterval)")
        try check(saveEvery.map { $0 > 0 && $0.isFinite } ?? true, "save-every must be positive seconds, got \(saveEvery!)")
        try check(saveEvery == nil || checkpointPath != nil, "save-every needs a checkpoint path to save to")
        try check(evaluateEvery.map { $0 > 0 } ?? true, "eval-every must be a positive number of steps, got \(evaluateEvery!)")
        try check(evaluationEpisodes >= 1, "evaluation episodes must be at least 1, got \(evaluationEpisodes)")
        try check(environmentThreads.map { $0 >= 1 && $0 <= 1024 } ?? true,
                  "env-threads must be in 1...1024, got \(environmentThreads!)")
    }
}

/// What a run reports to its caller, on the calling thread.
public enum TrainingEvent: Sendable {
    /// Every `progressInterval` seconds.
    case progress(ProgressReport)
    /// After each periodic evaluation (and after the best model was saved, when it improved).
    case evaluation(EvaluationReport)
    /// A periodic checkpoint was written.
    case checkpointSaved(path: String, steps: Int)
    /// A periodic checkpoint or best model could not be written; training goes on and any previous
    /// file is unchanged.
    case checkpointFailed(CheckpointError)
}

/// Why an evaluation ran.
public enum EvaluationKind: Sendable, Equatable {
    /// Every `evaluateEvery` steps.
    case periodic
    /// The training mean100 reached `target` (or, `scheduled`, `Hyperparameters.confirmationInterval`
    /// steps passed); the run stops when the evaluation's mean reaches it (`confirmed`), and
    /// otherwise trains on.
    /// With `standardErrors` > 0 it is the mean less that many standard errors that must reach it.
    /// A task without a target (nil) is never confirmed: its scheduled evaluations only pick the
    /// best model the run returns.
    case confirmation(trainingMean100: Double, target: Double?, confirmed: Bool, scheduled: Bool, standardErrors: Double)
    /// The last model of a run whose budget ran out after confirming evaluations that fell short,
    /// against the best of them (`bestConfirmation`, at `bestSteps`): the run returns the last
    /// model when `keptFinal`, else that best one.
    case final(bestConfirmation: Double, bestSteps: Int, keptFinal: Bool)
}

/// One evaluation: deterministic actions on separate environments.
public struct EvaluationReport: Sendable, Equatable {
    /// The run's metrics when it was taken (steps continue from a resumed checkpoint's).
    public var progress: ProgressReport
    public var summary: EvaluationSummary
    /// True when its mean return beat every earlier periodic evaluation of the run.
    public var isBest: Bool
    /// The file the best model was written to, when it improved and a checkpoint path is set.
    public var savedTo: String?
    public var kind: EvaluationKind = .periodic

    public var line: String {
        let result = String(format: "return %.2f ± %.2f over %d episodes", summary.mean, summary.standardDeviation,
                            summary.returns.count)
        switch kind {
        case .periodic:
            return "evaluation at \(progress.steps) steps: " + result
                + (isBest ? (savedTo.map { ", best so far, saved to \($0)" } ?? ", best so far") : "")
        case let .confirmation(trainingMean100, target, confirmed, scheduled, standardErrors):
            let reached = scheduled ? "" : target.map { String(format: " ≥ %g", $0) } ?? ""
            let asked = (scheduled ? "scheduled " : "")
                + String(format: "confirming evaluation at %d steps (training mean100 %.1f", progress.steps, trainingMean100)
                + reached + "): "
            guard let target else { return asked + result + "; no target: training goes on" }
            let compared = standardErrors > 0
                ? String(format: ", less %g standard error", standardErrors) + (standardErrors == 1 ? "" : "s")
                    + String(format: " %.2f", summary.mean(lessStandardErrors: standardErrors))
                : ""
            return asked + result + compared
                + (confirmed ? String(format: " ≥ %g: confirmed", target) : String(format: " < %g: training goes on", target))
        case let .final(bestConfirmation, bestSteps, keptFinal):
            return "final evaluation at \(progress.steps) steps: " + result
                + String(format: "; the best confirming evaluation (%d steps) returned %.2f: ", bestSteps, bestConfirmation)
                + (keptFinal ? "keeping the final model" : "keeping the model of \(bestSteps) steps")
        }
    }
}
