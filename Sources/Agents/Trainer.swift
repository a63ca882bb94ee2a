import Environments

/// Training by environment id: the entry point of the CLI and of library users.
public enum Trainer {
    /// Trains `hyperparameters.algorithm` on the environment registered as `envID`.
    public static func train(envID: String, hyperparameters: Hyperparameters, stop: StopSignal = StopSignal(),
                             progressInterval: Double = 2,
                             onProgress: (ProgressReport) -> Void = { _ in }) throws(TrainingError) -> TrainingResult {
        let spec: EnvironmentSpec
        do { spec = try Registry.spec(envID) } catch { throw .environment(error) }
        return try train(spec.type, spec: spec, hyperparameters: hyperparameters, stop: stop,
                         progressInterval: progressInterval, onProgress: onProgress)
    }

    static func train<E: Environment>(_ type: E.Type, spec: EnvironmentSpec, hyperparameters: Hyperparameters, stop: StopSignal,
                                      progressInterval: Double, onProgress: (ProgressReport) -> Void) throws(TrainingError) -> TrainingResult {
        switch hyperparameters.algorithm {
        case .a3c:
            return try A3C.train(type, spec: spec, hyperparameters: hyperparameters, stop: stop,
                                 progressInterval: progressInterval, onProgress: onProgress)
        case .a2c:
            return try A2C.train(type, spec: spec, hyperparameters: hyperparameters, stop: stop,
                                 progressInterval: progressInterval, onProgress: onProgress)
        }
    }
}
