import Engine
import Environments
import SeededRandom

/// A trained actor-critic for one environment: what a checkpoint holds and what evaluation runs.
public struct TrainedModel: Sendable, Equatable {
    public var envID: String
    public var architecture: Architecture
    public var parameters: [Float]
    /// Observation statistics when the model was trained with observation normalisation.
    public var observationStatistics: RunningMeanStd?
    public var hyperparameters: Hyperparameters
    /// Environment steps it was trained for.
    public var steps: Int
    /// What resuming the run needs besides the parameters (nil: a model that was not trained here,
    /// or a checkpoint of format 1 without it).
    public var progress: TrainingProgress?

    public init(envID: String, architecture: Architecture, parameters: [Float], observationStatistics: RunningMeanStd?,
                hyperparameters: Hyperparameters, steps: Int, progress: TrainingProgress? = nil) {
        self.envID = envID
        self.architecture = architecture
        self.parameters = parameters
        self.observationStatistics = observationStatistics
        self.hyperparameters = hyperparameters
        self.steps = steps
        self.progress = progress
    }

    /// A policy that acts with these parameters (one per thread).
    public func makePolicy() throws(ShapeError) -> Policy {
        try Policy(network: ActorCriticNetwork(architecture: architecture, parameters: parameters),
                   scaler: observationStatistics?.scaler)
    }
}

/// Chooses actions for single observations with a trained network.
public final class Policy {
    public let network: ActorCriticNetwork
    let scaler: ObservationScaler?
    private let input: UnsafeMutablePointer<Float>

    init(network: ActorCriticNetwork, scaler: ObservationScaler?) {
        self.network = network
        self.scaler = scaler
        input = .allocate(capacity: network.observationSize)
        input.initialize(repeating: 0, count: network.observationSize)
    }

    deinit { input.deallocate() }

    /// Writes the action for `observation` into `action` (one value, the index, for a categorical
    /// policy); `deterministic` takes the most probable action or the Gaussian mean.
    /// Returns the critic's value of the observation.
    @discardableResult
    public func act(_ observation: UnsafePointer<Float>, deterministic: Bool, rng: inout Xoshiro256,
                    action: UnsafeMutablePointer<Float>) -> Float {
        if let scaler { scaler.apply(observation, into: input) } else { input.update(from: observation, count: network.observationSize) }
        network.forward(observations: input, batch: 1)
        let n = network.policyOutputCount
        switch network.architecture.policy {
        case .categorical:
            action[0] = Float(deterministic ? CategoricalPolicy.mode(logits: network.policyOutput, count: n)
                                            : CategoricalPolicy.sample(logits: network.policyOutput, count: n, rng: &rng))
        case .gaussian:
            if deterministic {
                action.update(from: network.policyOutput, count: n)
            } else {
                GaussianPolicy.sample(mean: network.policyOutput, logStd: network.parameters.baseAddress! + network.logStdOffset!,
                                      count: n, rng: &rng, into: action)
            }
        }
        return network.values[0]
    }
}
