import Foundation
import SeededRandom

/// gymnasium's `MountainCarContinuous-v0`: drive an underpowered car up the right hill with a
/// continuous force in [-1, 1] (clipped there).
///
/// Velocity clipped to ±0.07, position to [-1.2, 0.6], velocity zeroed at the left wall when
/// moving left. Reward `-0.1 · action²` per step (of the action as given, before clipping, as
/// gymnasium computes it), +100 on the step that reaches position ≥ 0.45; the registered time limit is 999 steps.
/// Observation `[position, velocity]`.
///
/// gymnasium keeps this state as float64 after a reset but as float32 after every step, and
/// numpy's promotion rules then run the next step in that precision; `advance` mirrors both.
public struct MountainCarContinuous: ReplayableEnvironment, ClassicControlEnvironment, Sendable {
    public static let registeredID = "MountainCarContinuous-v0"
    public static let registeredTimeLimit = 999

    @inlinable static var minAction: Float { -1 }
    @inlinable static var maxAction: Float { 1 }
    @inlinable static var minPosition: Double { -1.2 }
    @inlinable static var maxPosition: Double { 0.6 }
    @inlinable static var maxSpeed: Double { 0.07 }
    @inlinable static var goalPosition: Double { 0.45 }
    @inlinable static var power: Double { 0.0015 }
    @inlinable static var gravity: Double { 0.0025 }

    @usableFromInline var position = 0.0
    @usableFromInline var velocity = 0.0
    /// Whether the state holds float32 values (after a step) rather than float64 ones (after a reset).
    @usableFromInline var stateIsSinglePrecision = false
    @usableFromInline var rng = Xoshiro256(seed: 0)

    /// A continuous mountain car whose generator starts from seed 0 until `reset(seed:)` gives another.
    public init() {}

    public var actionSpace: ActionSpace { .box(BoxSpace(low: [Self.minAction], high: [Self.maxAction])) }
    public var observationSpace: BoxSpace {
        BoxSpace(low: [Float(Self.minPosition), Float(-Self.maxSpeed)], high: [Float(Self.maxPosition), Float(Self.maxSpeed)])
    }

    /// Position uniform in [-0.6, -0.4), velocity 0.
    @inlinable
    mutating func drawInitialState() {
        position = rng.uniform(-0.6, -0.4)
        velocity = 0
        stateIsSinglePrecision = false
    }

    @inlinable
    public mutating func step(continuous action: UnsafeBufferPointer<Float>, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        try checkContinuousAction(action, length: 1)
        let terminated: Bool
        if stateIsSinglePrecision {
            let next = Self.advance(Float(position), Float(velocity), action: action[0])
            (position, velocity, terminated) = (Double(next.position), Double(next.velocity), next.terminated)
        } else {
            let next = Self.advance(position, velocity, action: action[0])
            (position, velocity, terminated) = (Double(Float(next.position)), Double(Float(next.velocity)), next.terminated)
        }
        stateIsSinglePrecision = true
        writeObservation(observation)
        let actionCost = Double(action[0]) * Double(action[0]) * 0.1
        return StepResult(reward: (terminated ? 100 : 0) - actionCost, terminated: terminated)
    }

    /// One step of the dynamics in the state's precision `Real`, with numpy's promotions: an
    /// action inside the bounds stays float32 and makes the push float32, one outside is replaced
    /// by the bound as a float64.
    @inlinable
    static func advance<Real: BinaryFloatingPoint>(_ position: Real, _ velocity: Real, action: Float) -> (position: Real, velocity: Real, terminated: Bool) {
        let slope = gravity * cos(Double(3 * position))
        let acceleration: Real
        if action >= minAction && action <= maxAction {
            acceleration = Real(action * Float(power) - Float(slope))
        } else {
            acceleration = Real(Double(min(max(action, minAction), maxAction)) * power - slope)
        }
        var velocity = velocity + acceleration
        velocity = min(max(velocity, Real(-maxSpeed)), Real(maxSpeed))
        var position = position + velocity
        position = min(max(position, Real(minPosition)), Real(maxPosition))
        if position == Real(minPosition) && velocity < 0 { velocity = 0 }
        let terminated = position >= Real(goalPosition) && velocity >= 0
        return (position, velocity, terminated)
    }

    /// `[position, velocity]`.
    public var state: [Double] { [position, velocity] }

    /// Sets the state as float64, as gymnasium holds it after a reset.
    public mutating func setState(_ state: [Double], observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) {
        try checkState(state, length: 2, layout: "[position, velocity]")
        (position, velocity) = (state[0], state[1])
        stateIsSinglePrecision = false
        startEpisode(observation: observation)
    }

    @inlinable
    func writeObservation(_ observation: UnsafeMutableBufferPointer<Float>) {
        precondition(observation.count == 2, "MountainCarContinuous writes 2 observation components, the buffer holds \(observation.count)")
        observation[0] = Float(position)
        observation[1] = Float(velocity)
    }
}
