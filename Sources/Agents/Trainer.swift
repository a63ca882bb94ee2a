import Environments

/// Training by environment id or spec: the entry point of the CLI and of library users.
public enum Trainer {
    /// Trains `hyperparameters.algorithm` on the environment registered as `envID`.
    public static func train(envID: String, hyperparameters: Hyperparameters, stop: StopSignal = StopSignal(),
                             progressInterval: Double = 2,
                             onProgress: (ProgressReport) -> Void = { _ in }) throws(TrainingError) -> TrainingResult {
        let spec: EnvironmentSpec
        do { spec = try Registry.spec(envID) } catch { throw .environment(error) }
        return try train(spec: spec, hyperparameters: hyperparameters, stop: stop,
                         progressInterval: progressInterval, onProgress: onProgress)
    }

    /// Trains `hyperparameters.algorithm` on the environments of `spec`, registered or not. Register
    /// the spec (`Registry.register`) to load, evaluate or render the result by id later.
    public static func train(spec: EnvironmentSpec, hyperparameters: Hyperparameters, stop: StopSignal = StopSignal(),
                             progressInterval: Double = 2,
                             onProgress: (ProgressReport) -> Void = { _ in }) throws(TrainingError) -> TrainingResult {
        switch hyperparameters.algorithm {
        case .a3c:
            return try A3C.train(spec: spec, hyperparameters: hyperparameters, stop: stop,
                                 progressInterval: progressInterval, onProgress: onProgress)
        case .a2c:
            return try A2C.train(spec: spec, hyperparameters: hyperparameters, stop: stop,
                                 progressInterval: progressInterval, onProgress: onProgress)
        }
    }
}
