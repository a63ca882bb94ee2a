/// What one step returned besides the observation, with gymnasium's meaning:
/// `terminated` the task itself ended (goal, failure); `truncated` the registered time limit cut it.
public struct StepResult: Sendable, Equatable {
    public var reward: Double
    public var terminated: Bool
    public var truncated: Bool

    public init(reward: Double, terminated: Bool, truncated: Bool) {
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
    }

    /// The episode is over either way: reset before the next step.
    @inlinable public var done: Bool { terminated || truncated }
}

/// An environment with gymnasium's semantics, its registered time limit included.
///
/// The core methods write observations into a caller's buffer and take actions as an `Int` or a
/// buffer, so that stepping allocates nothing; conformers are value types used through generics
/// (no existential in a hot loop). `reset(seed:)`/`step(_:)` returning arrays are conveniences.
public protocol Environment: SendableMetatype {
    /// The environment with gymnasium's default options.
    init()

    /// The gymnasium id this environment is registered under, e.g. `"CartPole-v1"`.
    var id: String { get }
    var observationSpace: BoxSpace { get }
    var actionSpace: ActionSpace { get }
    /// The registered time limit: the step that reaches it reports `truncated`.
    var maxEpisodeSteps: Int { get }
    /// Steps taken in the current episode.
    var elapsedSteps: Int { get }

    /// Starts an episode. A seed re-seeds the environment's generator (same seed, same episode);
    /// `nil` continues from the generator's current state.
    mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>)

    /// Applies a discrete action. Throws `EnvironmentError` for an action outside the space,
    /// a continuous-action environment, or an episode that ended without reset.
    mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult

    /// Applies a continuous action (clipped to the space as gymnasium does). Throws
    /// `EnvironmentError` for a wrong length, NaN or infinity, a discrete environment, or an
    /// episode that ended without reset.
    mutating func step(continuous action: UnsafeBufferPointer<Float>, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult

    /// The internal state in gymnasium's order (`env.unwrapped.state`), as `Double`.
    var state: [Double] { get }

    /// Puts the environment into `state` (gymnasium's order) with the step counter at 0 and
    /// writes the matching observation, so that recordings can be replayed from any point.
    mutating func setState(_ state: [Double], observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError)
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

    /// Puts the environment into `state` and returns the matching observation.
    public mutating func setState(_ state: [Double]) throws(EnvironmentError) -> [Float] {
        var obs = [Float](repeating: 0, count: observationSpace.size)
        try obs.withUnsafeMutableBufferPointer { (o) throws(EnvironmentError) in try setState(state, observation: o) }
        return obs
    }
}
