import Foundation
import Engine
import Environments

/// The calling thread's side of a run: progress reports, periodic checkpoints and evaluations
/// (`TrainingOptions`). Used by one thread only; the trainers call `poll()` between their waits
/// (A3C) or updates (A2C).
final class TrainingSupervisor {
    let options: TrainingOptions
    let monitor: TrainingMonitor
    let onEvent: (TrainingEvent) -> Void
    /// The current model with its progress (parameters, optimiser state, statistics, counters).
    let snapshot: () -> TrainedModel
    /// The learning rate at a step count, for the reports.
    let learningRate: (Int) -> Float
    private var lastProgress: ProgressReport?
    private var lastSave: Double
    private var nextEvaluation: Int
    private(set) var bestEvaluationReturn: Double?

    init(options: TrainingOptions, monitor: TrainingMonitor, bestEvaluationReturn: Double?, learningRate: @escaping (Int) -> Float,
         snapshot: @escaping () -> TrainedModel, onEvent: @escaping (TrainingEvent) -> Void) {
        self.options = options
        self.learningRate = learningRate
        self.monitor = monitor
        self.snapshot = snapshot
        self.onEvent = onEvent
        self.bestEvaluationReturn = bestEvaluationReturn
        lastSave = monitor.sessionSeconds
        let every = options.evaluateEvery ?? 1
        nextEvaluation = (monitor.totalSteps / every + 1) * every
    }

    /// The model now, with the best evaluation so far in its progress.
    func model() -> TrainedModel {
        var model = snapshot()
        model.progress?.bestEvaluationReturn = bestEvaluationReturn
        return model
    }

    /// Does what is due: a progress report, a checkpoint, an evaluation.
    func poll() {
        let now = monitor.sessionSeconds
        if monitor.seconds >= (lastProgress?.seconds ?? monitor.earlierSeconds) + options.progressInterval {
            lastProgress = monitor.report(previous: lastProgress, learningRate: learningRate)
            onEvent(.progress(lastProgress!))
        }
        if let every = options.saveEvery, let path = options.checkpointPath, now >= lastSave + every {
            lastSave = now
            let model = model()
            do {
                try Checkpoint.save(model, to: path)
                onEvent(.checkpointSaved(path: path, steps: model.steps))
            } catch {
                onEvent(.checkpointFailed(error))
            }
        }
        if let every = options.evaluateEvery, monitor.totalSteps >= nextEvaluation {
            nextEvaluation = (monitor.totalSteps / every + 1) * every
            evaluate()
        }
    }

    private func evaluate() {
        let model = model()
        let summary: EvaluationSummary
        do {
            summary = try Evaluation.run(model, episodes: options.evaluationEpisodes, deterministic: true, seed: options.evaluationSeed)
        } catch let error as EnvironmentError {
            return monitor.fail(.environment(error))
        } catch {
            return monitor.fail(.evaluation("\(error)"))
        }
        let isBest = bestEvaluationReturn.map { summary.mean > $0 } ?? true
        var report = EvaluationReport(progress: monitor.report(previous: lastProgress, learningRate: learningRate), summary: summary, isBest: isBest, savedTo: nil)
        if isBest {
            bestEvaluationReturn = summary.mean
            if let path = options.bestModelPath {
                var best = model
                best.progress?.bestEvaluationReturn = summary.mean
                do {
                    try Checkpoint.save(best, to: path)
                    report.savedTo = path
                } catch {
                    onEvent(.checkpointFailed(error))
                }
            }
        }
        onEvent(.evaluation(report))
    }
}
