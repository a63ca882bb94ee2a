import Foundation
import Engine
import Environments

/// The calling thread's side of a run: progress reports, periodic checkpoints and evaluations
/// (`TrainingOptions`), and the evaluation that confirms a reached target before the run stops.
/// Used by one thread only; the trainers call `poll()` between their waits (A3C) or updates (A2C),
/// and `finish()` for the model the run returns. The distributed parameter server calls
/// `confirmIfAsked()` alone: it reports and saves in its own way.
package final class TrainingSupervisor {
    /// The environment evaluations run on (registered or not).
    let spec: EnvironmentSpec
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
    /// The model whose confirming evaluation reached the target.
    private var confirmed: TrainedModel?
    /// The best-scoring model of the confirming evaluations that fell short, with its evaluation.
    private var bestUnconfirmed: (model: TrainedModel, report: EvaluationReport)?
    /// The evaluation of the model `finish()` returned, when it was evaluated.
    package private(set) var finalEvaluation: EvaluationReport?

    package init(spec: EnvironmentSpec, options: TrainingOptions, monitor: TrainingMonitor, bestEvaluationReturn: Double?,
                 learningRate: @escaping (Int) -> Float, snapshot: @escaping () -> TrainedModel,
                 onEvent: @escaping (TrainingEvent) -> Void) {
        self.spec = spec
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

    /// Does what is due: a confirming evaluation, a progress report, a checkpoint, an evaluation.
    func poll() {
        confirmIfAsked()
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

    /// The model the run returns once its workers have finished: the confirmed one; or, when the
    /// budget ran out after confirming evaluations that fell short, the best evaluated of those
    /// and the last model (evaluated now on the same episodes); else the last model.
    package func finish() -> TrainedModel {
        guard monitor.summary.failure == nil else { return model() }
        if let request = monitor.confirmationRequest { confirm(request) }
        if let confirmed { return confirmed }
        let reason = monitor.summary.stopReason
        guard let best = bestUnconfirmed, reason == .maxSteps || reason == .maxSeconds,
              let episodes = monitor.confirmationEpisodes else { return model() }
        let last = model()
        guard let summary = run(last, episodes: episodes) else { return last }
        let keepLast = summary.mean >= best.report.summary.mean
        let report = EvaluationReport(progress: monitor.report(previous: lastProgress), summary: summary, isBest: false,
                                      savedTo: nil, kind: .final(bestConfirmation: best.report.summary.mean,
                                                                 bestSteps: best.model.steps, keptFinal: keepLast))
        onEvent(.evaluation(report))
        finalEvaluation = keepLast ? report : best.report
        return keepLast ? last : best.model
    }

    /// Runs the confirming evaluation a worker asked for, if any; true when one ran.
    @discardableResult
    package func confirmIfAsked() -> Bool {
        guard let request = monitor.confirmationRequest else { return false }
        confirm(request)
        return true
    }

    /// Evaluates the model that reached the target (or that crossed a confirmation interval), with
    /// A3C's workers held (A2C calls between updates): stops the run when the evaluation reaches
    /// the target, else (always, without a target) lets it go on.
    private func confirm(_ request: ConfirmationRequest) {
        monitor.gate?.waitUntilHeld()
        defer { monitor.gate?.open() }
        guard let episodes = monitor.confirmationEpisodes else { return }
        let model = model(), target = monitor.target
        guard let summary = run(model, episodes: episodes) else { return }
        let standardErrors = monitor.confirmationStandardErrors ?? 0
        let confirmed = target.map { summary.mean(lessStandardErrors: standardErrors) >= $0 } ?? false
        let report = EvaluationReport(progress: monitor.report(previous: lastProgress), summary: summary, isBest: false,
                                      savedTo: nil, kind: .confirmation(trainingMean100: request.episode.mean100, target: target,
                                                                        confirmed: confirmed, scheduled: request.scheduled,
                                                                        standardErrors: standardErrors))
        if confirmed {
            self.confirmed = model
            finalEvaluation = report
            monitor.confirm(request)
        } else {
            if summary.mean > bestUnconfirmed?.report.summary.mean ?? -.infinity { bestUnconfirmed = (model, report) }
            let evaluationSteps = summary.lengths.reduce(0, +)
            monitor.reject(waitingSteps: evaluationSteps * Hyperparameters.stepsBetweenConfirmationsPerEvaluationStep)
        }
        onEvent(.evaluation(report))
    }

    /// `episodes` deterministic episodes of `model` on separate environments; nil when they could
    /// not run (the run then fails with the reason).
    private func run(_ model: TrainedModel, episodes: Int) -> EvaluationSummary? {
        do {
            return try Evaluation.run(model, on: spec, episodes: episodes, deterministic: true, seed: options.evaluationSeed)
        } catch .environment(let error) {
            monitor.fail(.environment(error))
        } catch {
            monitor.fail(.evaluation("\(error)"))
        }
        return nil
    }

    private func evaluate() {
        let model = model()
        guard let summary = run(model, episodes: options.evaluationEpisodes) else { return }
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
