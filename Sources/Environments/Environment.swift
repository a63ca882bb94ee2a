/// What one step returned besides the observation, with gymnasium's meaning:
/// `terminated` the task itself ended (goal, failure); `truncated` the registered time limit cut it.
public struct StepResult: Sendable, Equatable {
    public var reward: Double
    public var terminated: Bool
    public var truncated: Bool

    public init(reward: Double, terminated: Bool, truncated: Bool = false) {
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
    }

    /// The episode is over either way: reset before the next step.
    @inlinable public var done: Bool { terminated || truncated }
}

/// An environment with gymnasium's semantics: spaces, `reset(seed:)` and `step`.
///
/// A conformer implements its two spaces, `reset` and the `step` of its own action kind; the other
/// kind's `step` throws a clear error by default. The time limit is not the environment's business:
/// `TimeLimited` applies the registered one, as gymnasium's `TimeLimit` wrapper does, and
/// `EnvironmentSpec.make()` returns environments wrapped in it.
///
/// The core methods write observations into a caller's buffer and take actions as an `Int` or a
/// buffer, so that stepping allocates nothing; conformers are value types used through generics
/// (no existential in a hot loop). `reset(seed:)`/`step(_:)` returning arrays are conveniences.
/// Trainers step environments on worker threads, so a conformance may not be isolated to an actor
/// (`SendableMetatype`; every plain struct or class conforms by itself).
public protocol Environment: SendableMetatype {
    /// A name for messages; the registered id for the built-in environments.
    var id: String { get }
    var observationSpace: BoxSpace { get }
    var actionSpace: ActionSpace { get }

    /// Starts an episode and writes its first observation. A seed re-seeds the environment's
    /// generator (same seed, same episode); `nil` continues from the generator's current state.
    mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>)

    /// Applies a discrete action in `0..<n` and writes the next observation. Throws
    /// `EnvironmentError` for an action outside the space or a continuous-action environment.
    mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult

    /// Applies a continuous action and writes the next observation. Throws `EnvironmentError` for
    /// a wrong length, NaN or infinity, or a discrete environment.
    mutating func step(continuous action: UnsafeBufferPointer<Float>, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult
}

extension Environment {
    /// The type's name.
    public var id: String { String(describing: Self.self) }

    /// Throws: this environment takes continuous actions, or does not implement its discrete step.
    public mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        if actionSpace.isDiscrete {
            throw invalidAction("\(action)", reason: "\(Self.self) declares a discrete action space but does not implement step(discrete:observation:)")
        }
        throw discreteActionForContinuousSpace(action)
    }

    /// Throws: this environment takes discrete actions, or does not implement its continuous step.
    public mutating func step(continuous action: UnsafeBufferPointer<Float>, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        if !actionSpace.isDiscrete {
            throw invalidAction("\(Array(action))", reason: "\(Self.self) declares a box action space but does not implement step(continuous:observation:)")
        }
        throw continuousActionForDiscreteSpace(action)
    }
}

/// An environment whose internal state can be read and set, for replaying recordings
/// (`Fixture.replay`, `a3c check-env`). Training never needs it.
public protocol ReplayableEnvironment: Environment {
    /// The internal state in gymnasium's order (`env.unwrapped.state`), as `Double`.
    var state: [Double] { get }

    /// Puts the environment into `state` (gymnasium's order) as at the start of an episode and
    /// writes the matching observation, so that recordings can be replayed from any point.
    mutating func setState(_ state: [Double], observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError)

    /// The last observation at the precision the environment computes it, when that is finer than the
    /// `Float` one it writes (MuJoCo's float64), so that replays compare it exactly; `nil` otherwise.
    var exactObservation: [Double]? { get }
}

extension ReplayableEnvironment {
    public var exactObservation: [Double]? { nil }
}

extension Environment {
    /// Starts an episode and returns its first observation.
    public mutating func reset(seed: UInt64? = nil) -> [Float] {
        var obs = [Float](repeating: 0, count: observationSpace.size)
        obs.withUnsafeMutableBufferPointer { reset(seed: seed, observation: $0) }
        return obs
    }

    /// Applies `action` and returns the observation with the step's result.
    public mutating func step(_ action: Action) throws(EnvironmentError) -> (observation: [Float], result: StepResult) {
        var obs = [Float](repeating: 0, count: observationSpace.size)
        let result: StepResult
        switch action {
        case .discrete(let a):
            result = try obs.withUnsafeMutableBufferPointer { (o) throws(EnvironmentError) in
                try step(discrete: a, observation: o)
            }
        case .continuous(let a):
            result = try obs.withUnsafeMutableBufferPointer { (o) throws(EnvironmentError) in
                try a.withUnsafeBufferPointer { (a) throws(EnvironmentError) in
                    try step(continuous: a, observation: o)
                }
            }
        }
        return (obs, result)
    }
}

extension ReplayableEnvironment {
    /// Puts the environment into `state` and returns the matching observation.
    public mutating func setState(_ state: [Double]) throws(EnvironmentError) -> [Float] {
        var obs = [Float](repeating: 0, count: observationSpace.size)
        try obs.withUnsafeMutableBufferPointer { (o) throws(EnvironmentError) in try setState(state, observation: o) }
        return obs
    }
}
