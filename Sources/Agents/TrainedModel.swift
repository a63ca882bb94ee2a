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

    /// The shape of the network's input and output, for comparing with an environment.
    public var shape: ModelShape {
        switch architecture.policy {
        case .categorical(let n): ModelShape(observationShape: architecture.observationShape, actionSpace: .discrete(n))
        case .gaussian(let d, _): ModelShape(observationShape: architecture.observationShape, continuousActions: d)
        }
    }

    /// Throws unless the network takes `environment`'s observations and gives its kind and number
    /// of actions, and the observation statistics (if any) have its observation size.
    public func checkFits(_ environment: some Environment) throws(ModelMismatch) {
        let expected = ModelShape(observationShape: environment.observationSpace.shape, actionSpace: environment.actionSpace)
        let statisticsSize = observationStatistics?.size ?? architecture.observationSize
        guard shape == expected, statisticsSize == expected.observationSize else {
            throw ModelMismatch(envID: environment.id, model: shape, environment: expected,
                                statisticsSize: statisticsSize == architecture.observationSize ? nil : statisticsSize)
        }
    }

    /// Throws unless the model fits a new environment of `spec`.
    public func checkFits(_ spec: EnvironmentSpec) throws(ModelMismatch) {
        func check<F: EnvironmentFactory>(_ factory: F) throws(ModelMismatch) { try checkFits(factory.make()) }
        try check(spec.factory)
    }

    /// A policy that acts with these parameters, deterministically or sampling from its own
    /// generator (see `Policy.Mode`). One per thread.
    public func makePolicy(mode: Policy.Mode = .deterministic) throws(ShapeError) -> Policy {
        try Policy(network: ActorCriticNetwork(architecture: architecture, parameters: parameters),
                   scaler: observationStatistics?.scaler, mode: mode)
    }
}

/// What a network reads and writes: its observation size and the action space it acts in.
public struct ModelShape: Sendable, Equatable, CustomStringConvertible {
    /// e.g. `[8]`, or `[10, 10, 4]` for a board: a model reads observations of exactly this shape.
    public var observationShape: [Int]
    public var observationSize: Int { observationShape.reduce(1, *) }
    /// `.discrete(n)` for n actions; `.box` of the right length (its bounds are not compared).
    public var kind: PolicyHead.Kind
    public var actionCount: Int

    public init(observationShape: [Int], actionSpace: ActionSpace) {
        self.observationShape = observationShape
        kind = actionSpace.isDiscrete ? .categorical : .gaussian
        actionCount = actionSpace.size
    }

    init(observationShape: [Int], continuousActions: Int) {
        self.observationShape = observationShape
        kind = .gaussian
        actionCount = continuousActions
    }

    public var description: String {
        "observation \(observationShape.count > 1 ? BoxSpace.describe(observationShape) : "\(observationSize)"), " + (kind == .categorical ? "Discrete(\(actionCount))" : "Box(\(actionCount))")
    }
}

/// A model that does not fit an environment; the message names both shapes.
public struct ModelMismatch: Error, Equatable, CustomStringConvertible {
    public var envID: String
    public var model: ModelShape
    public var environment: ModelShape
    /// Set when only the observation statistics have the wrong size.
    public var statisticsSize: Int?

    public var description: String {
        if let statisticsSize, model == environment {
            return "the model's observation statistics have \(statisticsSize) components, but \(envID) observes \(environment.observationSize)"
        }
        return "the model (\(model)) does not fit \(envID) (\(environment)): expected a model trained on this environment's spaces"
    }
}

/// Why `Policy` refused to act; the message says what it expected.
public enum PolicyError: Error, Equatable, CustomStringConvertible {
    case observationSize(expected: Int, got: Int)
    case nonFiniteObservation(index: Int, value: Float)
    case actionBuffer(expected: Int, got: Int)

    public var description: String {
        switch self {
        case let .observationSize(expected, got):
            "the policy takes observations of \(expected) values, got \(got): the model was trained on another environment"
        case let .nonFiniteObservation(index, value):
            "observation component \(index) is \(value): expected finite values"
        case let .actionBuffer(expected, got):
            "the action buffer holds \(got) values; this policy writes \(expected)"
        }
    }
}

/// Chooses actions for single observations with a trained network: what an application embeds.
///
/// `act(_:)` takes an array and returns an `Action`; `act(observation:action:)` writes into the
/// caller's buffer and allocates nothing. Not thread-safe (it owns scratch memory and, when
/// stochastic, a generator): make one per thread with `TrainedModel.makePolicy(mode:)`.
public final class Policy {
    /// How actions are chosen.
    public enum Mode: Sendable, Equatable {
        /// The most probable action, or the Gaussian mean (what evaluation and deployment use).
        case deterministic
        /// Sampled from the policy's distribution with the policy's own generator, seeded here.
        case stochastic(seed: UInt64)
    }

    public let network: ActorCriticNetwork
    public let mode: Mode
    let scaler: ObservationScaler?
    private let input: UnsafeMutablePointer<Float>
    /// A recurrent network's (h, c), carried from one `act` to the next; zeroed by `reset()`.
    private let state: UnsafeMutablePointer<Float>
    private var generator: Xoshiro256

    init(network: ActorCriticNetwork, scaler: ObservationScaler?, mode: Mode = .deterministic) {
        self.network = network
        self.scaler = scaler
        self.mode = mode
        if case .stochastic(let seed) = mode { generator = Xoshiro256(seed: seed) } else { generator = Xoshiro256(seed: 0) }
        input = .allocate(capacity: network.observationSize)
        input.initialize(repeating: 0, count: network.observationSize)
        state = .allocate(capacity: max(network.stateWidth, 1))
        state.initialize(repeating: 0, count: max(network.stateWidth, 1))
    }

    deinit {
        input.deallocate()
        state.deallocate()
    }

    /// Starts a new episode: a recurrent policy forgets what it has seen (a feed-forward one has
    /// nothing to forget). Call it after every environment reset.
    public func reset() {
        state.update(repeating: 0, count: max(network.stateWidth, 1))
    }

    /// Observation components the policy reads.
    public var observationSize: Int { network.observationSize }
    /// Values the policy writes per action: 1 (the index) for a discrete policy, else the action's length.
    public var actionWidth: Int { network.architecture.policy.actionWidth }

    /// The action for `observation`, as `.discrete(index)` or `.continuous(values)` (unclipped:
    /// the environment clips to its bounds).
    public func act(_ observation: [Float]) throws(PolicyError) -> Action {
        var action = [Float](repeating: 0, count: actionWidth)
        try observation.withUnsafeBufferPointer { (o) throws(PolicyError) in
            try action.withUnsafeMutableBufferPointer { (a) throws(PolicyError) in _ = try act(observation: o, action: a) }
        }
        if case .categorical = network.architecture.policy { return .discrete(Int(action[0])) }
        return .continuous(action)
    }

    /// Writes the action for `observation` into `action` (`actionWidth` values; the index for a
    /// discrete policy) and returns the critic's value of the observation. Allocates nothing.
    @discardableResult
    public func act(observation: UnsafeBufferPointer<Float>, action: UnsafeMutableBufferPointer<Float>) throws(PolicyError) -> Float {
        guard observation.count == observationSize else { throw .observationSize(expected: observationSize, got: observation.count) }
        guard action.count == actionWidth else { throw .actionBuffer(expected: actionWidth, got: action.count) }
        for (index, value) in observation.enumerated() where !value.isFinite { throw .nonFiniteObservation(index: index, value: value) }
        let deterministic = mode == .deterministic
        return act(observation.baseAddress!, deterministic: deterministic, rng: &generator, action: action.baseAddress!)
    }

    /// The unchecked core: `observation` must hold `observationSize` values and `action`
    /// `actionWidth`; samples with the caller's `rng` unless `deterministic`. Returns V(observation).
    /// A recurrent policy advances its state.
    @discardableResult
    public func act(_ observation: UnsafePointer<Float>, deterministic: Bool, rng: inout Xoshiro256,
                    action: UnsafeMutablePointer<Float>) -> Float {
        if let scaler { scaler.apply(observation, into: input) } else { input.update(from: observation, count: network.observationSize) }
        network.forward(observations: input, batch: 1, state: network.isRecurrent ? state : nil)
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
