import Environments

/// Training by environment id or spec: the entry point of the CLI and of library users.
public enum Trainer {
    /// Trains `hyperparameters.algorithm` on the environment registered as `envID`; calls
    /// `onProgress` on the calling thread every `progressInterval` seconds.
    public static func train(envID: String, hyperparameters: Hyperparameters, stop: StopSignal = StopSignal(),
                             progressInterval: Double = 2,
                             onProgress: (ProgressReport) -> Void = { _ in }) throws(TrainingError) -> TrainingResult {
        let spec: EnvironmentSpec
        do { spec = try Registry.spec(envID) } catch { throw .environment(error) }
        return try train(spec: spec, hyperparameters: hyperparameters, stop: stop, progressInterval: progressInterval,
                         onProgress: onProgress)
    }

    /// Trains `hyperparameters.algorithm` on the environments of `spec`, registered or not. Register
    /// the spec (`Registry.register`) to load, evaluate or render the result by id later.
    public static func train(spec: EnvironmentSpec, hyperparameters: Hyperparameters, stop: StopSignal = StopSignal(),
                             progressInterval: Double = 2,
                             onProgress: (ProgressReport) -> Void = { _ in }) throws(TrainingError) -> TrainingResult {
        try withoutActuallyEscaping(onProgress) { onProgress throws(TrainingError) in
            try train(spec: spec, hyperparameters: hyperparameters, resumingFrom: nil,
                      options: TrainingOptions(progressInterval: progressInterval), stop: stop) { event in
                if case .progress(let report) = event { onProgress(report) }
            }
        }
    }

    /// Trains, or continues the run saved in `model` (`resumingFrom`, e.g. from `Checkpoint.load`):
    /// its parameters, optimiser state, observation statistics, step and update counts (the
    /// learning-rate schedule goes on from there) and mean100 window. The network and the
    /// environment must be the checkpoint's; `hyperparameters.maxSteps` counts the earlier steps
    /// too, `maxSeconds` only this session's. A checkpoint without optimiser state
    /// (`model.progress?.optimizer == nil`, format 1) continues with fresh optimiser statistics.
    /// `onEvent` runs on the calling thread: progress, evaluations, periodic checkpoints (`options`).
    public static func train(envID: String, hyperparameters: Hyperparameters, resumingFrom model: TrainedModel?,
                             options: TrainingOptions = TrainingOptions(), stop: StopSignal = StopSignal(),
                             onEvent: @escaping (TrainingEvent) -> Void = { _ in }) throws(TrainingError) -> TrainingResult {
        let spec: EnvironmentSpec
        do { spec = try Registry.spec(envID) } catch { throw .environment(error) }
        return try train(spec: spec, hyperparameters: hyperparameters, resumingFrom: model, options: options,
                         stop: stop, onEvent: onEvent)
    }

    /// `train(envID:...)` for a spec, registered or not.
    public static func train(spec: EnvironmentSpec, hyperparameters: Hyperparameters, resumingFrom model: TrainedModel?,
                             options: TrainingOptions = TrainingOptions(), stop: StopSignal = StopSignal(),
                             onEvent: @escaping (TrainingEvent) -> Void = { _ in }) throws(TrainingError) -> TrainingResult {
        do { try spec.validate() } catch { throw .environment(error) }
        func train<F: EnvironmentFactory>(_ factory: F) throws(TrainingError) -> TrainingResult {
            switch hyperparameters.algorithm {
            case .a3c:
                try A3C.train(factory, spec: spec, hyperparameters: hyperparameters, resumingFrom: model, options: options,
                              stop: stop, onEvent: onEvent)
            case .a2c:
                try A2C.train(factory, spec: spec, hyperparameters: hyperparameters, resumingFrom: model, options: options,
                              stop: stop, onEvent: onEvent)
            }
        }
        return try train(spec.factory)
    }
}
