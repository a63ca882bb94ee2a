import Foundation
import SeededRandom

/// gymnasium's `MountainCar-v0`: drive an underpowered car up the right hill by accelerating
/// left (0), not at all (1) or right (2).
///
/// Velocity clipped to ±0.07, position to [-1.2, 0.6], velocity zeroed when the car hits the
/// left wall while moving left. Reward -1 per step; terminated at position ≥ 0.5;
/// registered time limit 200 steps. Observation `[position, velocity]`.
public struct MountainCar: ReplayableEnvironment, ClassicControlEnvironment, Sendable {
    public static let registeredID = "MountainCar-v0"
    public static let registeredTimeLimit = 200

    @inlinable static var minPosition: Double { -1.2 }
    @inlinable static var maxPosition: Double { 0.6 }
    @inlinable static var maxSpeed: Double { 0.07 }
    @inlinable static var goalPosition: Double { 0.5 }
    @inlinable static var force: Double { 0.001 }
    @inlinable static var gravity: Double { 0.0025 }

    @usableFromInline var position = 0.0
    @usableFromInline var velocity = 0.0
    @usableFromInline var rng = Xoshiro256(seed: 0)

    /// A mountain car whose generator starts from seed 0 until `reset(seed:)` gives another.
    public init() {}

    public var actionSpace: ActionSpace { .discrete(3) }
    public var observationSpace: BoxSpace {
        BoxSpace(low: [Float(Self.minPosition), Float(-Self.maxSpeed)], high: [Float(Self.maxPosition), Float(Self.maxSpeed)])
    }

    /// Position uniform in [-0.6, -0.4), velocity 0.
    @inlinable
    mutating func drawInitialState() {
        position = rng.uniform(-0.6, -0.4)
        velocity = 0
    }

    @inlinable
    public mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        try checkDiscreteAction(action, count: 3)
        velocity += Double(action - 1) * Self.force + cos(3 * position) * -Self.gravity
        velocity = min(max(velocity, -Self.maxSpeed), Self.maxSpeed)
        position += velocity
        position = min(max(position, Self.minPosition), Self.maxPosition)
        if position == Self.minPosition && velocity < 0 { velocity = 0 }
        let terminated = position >= Self.goalPosition && velocity >= 0
        writeObservation(observation)
        return StepResult(reward: -1, terminated: terminated)
    }

    /// `[position, velocity]`.
    public var state: [Double] { [position, velocity] }

    public mutating func setState(_ state: [Double], observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) {
        try checkState(state, length: 2, layout: "[position, velocity]")
        (position, velocity) = (state[0], state[1])
        startEpisode(observation: observation)
    }

    @inlinable
    func writeObservation(_ observation: UnsafeMutableBufferPointer<Float>) {
        precondition(observation.count == 2, "MountainCar writes 2 observation components, the buffer holds \(observation.count)")
        observation[0] = Float(position)
        observation[1] = Float(velocity)
    }
}
