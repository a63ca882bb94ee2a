import Engine
import Environments

extension TrainingResult {
    /// The result of a finished run, or the run's failure.
    package init(monitor: TrainingMonitor, spec: EnvironmentSpec, hyperparameters: Hyperparameters, architecture: Architecture,
         parameters: [Float], statistics: RunningMeanStd?) throws(TrainingError) {
        let summary = monitor.summary
        if let failure = summary.failure { throw failure }
        self.init(envID: spec.id, hyperparameters: hyperparameters, architecture: architecture, parameters: parameters,
                  observationStatistics: statistics, episodes: summary.records, steps: monitor.totalSteps,
                  updates: monitor.totalUpdates, seconds: monitor.seconds, stopReason: summary.stopReason ?? .interrupted,
                  solvedAt: summary.solvedAt)
    }
}
