import Foundation
import SeededRandom

/// gymnasium's `Pendulum-v1`: swing a pendulum up and hold it upright with a torque in [-2, 2]
/// (clipped there).
///
/// `g = 10`, `dt = 0.05`, angular velocity clipped to ±8. Reward
/// `-(normalized θ² + 0.1 · θ_dot² + 0.001 · torque²)` of the state before the step; never
/// terminates, registered time limit 200 steps. Observation `[cos θ, sin θ, θ_dot]`.
/// The torque stays float32 where numpy keeps it so (`3 · u`, `0.001 · u²`); squares are taken
/// by `pow`, as numpy's scalar `**` computes them (it can differ from `x * x` in the last bit).
public struct Pendulum: ReplayableEnvironment, ClassicControlEnvironment, Sendable {
    public static let registeredID = "Pendulum-v1"
    public static let registeredTimeLimit = 200

    @inlinable static var maxSpeed: Double { 8 }
    @inlinable static var maxTorque: Float { 2 }
    @inlinable static var timeStep: Double { 0.05 }
    @inlinable static var gravity: Double { 10 }
    @inlinable static var mass: Double { 1 }
    @inlinable static var length: Double { 1 }

    @usableFromInline var theta = 0.0
    @usableFromInline var thetaDot = 0.0
    /// The torque of the last step after clipping (gymnasium's `last_u`), `nil` after a reset;
    /// the picture's arrow shows it.
    public var lastTorque: Double?
    @usableFromInline var rng = Xoshiro256(seed: 0)

    /// A pendulum whose generator starts from seed 0 until `reset(seed:)` gives another.
    public init() {}

    public var actionSpace: ActionSpace { .box(BoxSpace(low: [-Self.maxTorque], high: [Self.maxTorque])) }
    public var observationSpace: BoxSpace {
        BoxSpace(low: [-1, -1, Float(-Self.maxSpeed)], high: [1, 1, Float(Self.maxSpeed)])
    }

    /// θ uniform in [-π, π), θ_dot uniform in [-1, 1).
    @inlinable
    mutating func drawInitialState() {
        theta = rng.uniform(-Double.pi, Double.pi)
        thetaDot = rng.uniform(-1, 1)
        lastTorque = nil
    }

    @inlinable
    public mutating func step(continuous action: UnsafeBufferPointer<Float>, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        try checkContinuousAction(action, length: 1)
        let u = min(max(action[0], -Self.maxTorque), Self.maxTorque)
        lastTorque = Double(u)
        let normalizedTheta = Self.normalizeAngle(theta)
        let cost = pow(normalizedTheta, 2) + 0.1 * pow(thetaDot, 2) + Double(Float(0.001) * pow(u, 2))

        let angularAcceleration = 3 * Self.gravity / (2 * Self.length) * sin(theta)
            + Double(Float(3.0 / (Self.mass * Self.length * Self.length)) * u)
        var newThetaDot = thetaDot + angularAcceleration * Self.timeStep
        newThetaDot = min(max(newThetaDot, -Self.maxSpeed), Self.maxSpeed)
        theta = theta + newThetaDot * Self.timeStep
        thetaDot = newThetaDot

        writeObservation(observation)
        return StepResult(reward: -cost, terminated: false)
    }

    /// `angle` brought into [-π, π) by numpy's floored remainder.
    @inlinable
    static func normalizeAngle(_ angle: Double) -> Double {
        let period = 2 * Double.pi
        var remainder = (angle + Double.pi).truncatingRemainder(dividingBy: period)
        if remainder < 0 { remainder += period }
        return remainder - Double.pi
    }

    /// `[θ, θ_dot]`.
    public var state: [Double] { [theta, thetaDot] }

    public mutating func setState(_ state: [Double], observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) {
        try checkState(state, length: 2, layout: "[theta, theta_dot]")
        (theta, thetaDot) = (state[0], state[1])
        startEpisode(observation: observation)
    }

    @inlinable
    func writeObservation(_ observation: UnsafeMutableBufferPointer<Float>) {
        precondition(observation.count == 3, "Pendulum writes 3 observation components, the buffer holds \(observation.count)")
        observation[0] = Float(cos(theta))
        observation[1] = Float(sin(theta))
        observation[2] = Float(thetaDot)
    }
}
