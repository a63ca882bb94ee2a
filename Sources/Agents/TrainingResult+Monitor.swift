import Engine
import Environments

extension TrainingResult {
    /// The result of a finished run whose returned state is `final` (evaluated by `evaluation`), or the run's failure.
    package init(monitor: TrainingMonitor, final: TrainedModel, evaluation: EvaluationReport? = nil) throws(TrainingError) {
        let summary = monitor.summary
        if let failure = summary.failure { throw failure }
        self.init(envID: final.envID, hyperparameters: final.hyperparameters, architecture: final.architecture,
                  parameters: final.parameters, observationStatistics: final.observationStatistics, episodes: summary.records,
                  steps: final.steps, updates: monitor.totalUpdates, seconds: monitor.seconds,
                  stopReason: summary.stopReason ?? .interrupted, solvedAt: summary.solvedAt,
                  progress: final.progress ?? monitor.progress(optimizer: nil), evaluation: evaluation)
    }

    /// The result of a finished run without optimiser state (the distributed runner's), or the run's failure.
    package init(monitor: TrainingMonitor, spec: EnvironmentSpec, hyperparameters: Hyperparameters, architecture: Architecture,
                 parameters: [Float], statistics: RunningMeanStd?) throws(TrainingError) {
        try self.init(monitor: monitor, final: TrainedModel(envID: spec.id, architecture: architecture, parameters: parameters,
                                                             observationStatistics: statistics, hyperparameters: hyperparameters,
                                                             steps: monitor.totalSteps, progress: monitor.progress(optimizer: nil)))
    }
}
