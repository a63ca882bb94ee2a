import Environments
import SeededRandom

/// What makes one of gymnasium's MuJoCo tasks: its model, frame skip, reset noise, observation, reward
/// and termination. `MuJoCoEnvironment` does the rest (spaces, stepping, errors, state for replays).
///
/// A task value lives inside its environment and may keep what a reward needs from before a step.
public protocol MuJoCoTask: Sendable {
    /// The registered id, e.g. `Hopper-v4`.
    static var id: String { get }
    static var modelFile: ModelFile { get }
    /// Physics steps per environment step (gymnasium's `frame_skip`).
    static var frameSkip: Int { get }
    static var observationSize: Int { get }
    /// The registered time limit.
    static var maxEpisodeSteps: Int { get }
    /// The mean return gymnasium calls solved, if it registers one.
    static var rewardThreshold: Double? { get }
    /// gymnasium's `default_camera_config`: how its pictures look at the task. Default: none.
    static var camera: MuJoCoCamera { get }
    /// Whether the observation or reward reads the bodies' contact forces (`MuJoCoState.externalForces`),
    /// which then are computed after every step. Default: false.
    static var usesContactForces: Bool { get }

    /// The task for `model` (look up bodies and sites here, not per step).
    init(model: MuJoCoModel) throws(EnvironmentError)

    /// gymnasium's `reset_model` noise: `qpos` holds `qpos0` and `qvel` zeros when called.
    func perturb(qpos: UnsafeMutableBufferPointer<Double>, qvel: UnsafeMutableBufferPointer<Double>, generator: inout Xoshiro256)

    /// Called before the physics steps: keep what the reward compares against.
    mutating func prepareStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>)

    /// The step's reward and whether the episode terminated, after the physics steps.
    mutating func finishStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>) -> (reward: Double, terminated: Bool)

    /// gymnasium's `_get_obs`, in float64.
    func observe(_ state: MuJoCoState, into observation: UnsafeMutableBufferPointer<Double>)
}

extension MuJoCoTask {
    /// gymnasium's `(after - before) / dt`, with `dt = timestep × frame skip`: a position's speed over a step.
    @inlinable
    public static func speed(from before: Double, to after: Double, _ state: MuJoCoState) -> Double {
        (after - before) / (state.timestep * Double(frameSkip))
    }

    public static var maxEpisodeSteps: Int { 1000 }
    public static var usesContactForces: Bool { false }
    public static var camera: MuJoCoCamera { MuJoCoCamera() }
    public mutating func prepareStep(_ state: MuJoCoState, action: UnsafeBufferPointer<Float>) {}
}

/// A task's camera as gymnasium 1.4.0 sets it for `rgb_array` pictures: MuJoCo's free camera aimed at the
/// median of the geoms' positions when the first picture is drawn, from the model's extent, then these
/// settings where given (the value of gymnasium's `default_camera_config`; its `trackbodyid` has no effect
/// on a free camera).
public struct MuJoCoCamera: Sendable, Equatable {
    public var distance: Double?
    public var lookat: SIMD3<Double>?
    public var elevation: Double?
    public var azimuth: Double?

    public init(distance: Double? = nil, lookat: SIMD3<Double>? = nil, elevation: Double? = nil, azimuth: Double? = nil) {
        self.distance = distance
        self.lookat = lookat
        self.elevation = elevation
        self.azimuth = azimuth
    }
}

/// Sums as numpy 1.x sums a float32 array (`np.sum`, pairwise: one run below 8 values, eight running
/// sums up to 128), so that rewards match gymnasium's to the bit.
@inlinable
func numpySumOfSquares(_ values: UnsafeBufferPointer<Float>) -> Float {
    let n = values.count
    precondition(n <= 128, "numpySumOfSquares handles up to 128 values")
    if n < 8 {
        var sum: Float = 0
        for value in values { sum += value * value }
        return sum
    }
    var partial = SIMD8<Float>()
    for j in 0..<8 { partial[j] = values[j] * values[j] }
    var i = 8
    while i < n - n % 8 {
        for j in 0..<8 { partial[j] += values[i + j] * values[i + j] }
        i += 8
    }
    var sum = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + ((partial[4] + partial[5]) + (partial[6] + partial[7]))
    while i < n {
        sum += values[i] * values[i]
        i += 1
    }
    return sum
}

/// gymnasium's `weight * np.sum(np.square(action))` under numpy 1.x: a float32 sum, scaled in float64.
@inlinable
func controlCost(_ action: UnsafeBufferPointer<Float>, weight: Double) -> Double {
    weight * Double(numpySumOfSquares(action))
}
