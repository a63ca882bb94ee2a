import Foundation
import SeededRandom

/// gymnasium's `CartPole-v1`: keep a pole upright on a cart by pushing it left (0) or right (1).
///
/// Euler integration with `tau = 0.02`; reward 1 for every step, the terminating one included;
/// terminated when `|x| > 2.4` or `|theta| > 12°`; the registered time limit is 500 steps.
/// Observation `[x, x_dot, theta, theta_dot]`.
public struct CartPole: ReplayableEnvironment, ClassicControlEnvironment, Sendable {
    public static let registeredID = "CartPole-v1"
    public static let registeredTimeLimit = 500

    @inlinable static var gravity: Double { 9.8 }
    @inlinable static var massCart: Double { 1.0 }
    @inlinable static var massPole: Double { 0.1 }
    @inlinable static var totalMass: Double { massPole + massCart }
    /// Half the pole's length.
    @inlinable static var length: Double { 0.5 }
    @inlinable static var poleMassLength: Double { massPole * length }
    @inlinable static var forceMagnitude: Double { 10.0 }
    @inlinable static var tau: Double { 0.02 }
    @inlinable static var thetaThreshold: Double { 12 * 2 * Double.pi / 360 }
    @inlinable static var xThreshold: Double { 2.4 }

    @usableFromInline var x = 0.0
    @usableFromInline var xDot = 0.0
    @usableFromInline var theta = 0.0
    @usableFromInline var thetaDot = 0.0
    @usableFromInline var rng = Xoshiro256(seed: 0)

    /// A cart-pole whose generator starts from seed 0 until `reset(seed:)` gives another.
    public init() {}

    public var actionSpace: ActionSpace { .discrete(2) }
    public var observationSpace: BoxSpace {
        let high: [Float] = [Float(Self.xThreshold * 2), .greatestFiniteMagnitude, Float(Self.thetaThreshold * 2), .greatestFiniteMagnitude]
        return BoxSpace(low: high.map { -$0 }, high: high)
    }

    /// Each state component uniform in [-0.05, 0.05).
    @inlinable
    mutating func drawInitialState() {
        x = rng.uniform(-0.05, 0.05)
        xDot = rng.uniform(-0.05, 0.05)
        theta = rng.uniform(-0.05, 0.05)
        thetaDot = rng.uniform(-0.05, 0.05)
    }

    @inlinable
    public mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        try checkDiscreteAction(action, count: 2)
        let force = action == 1 ? Self.forceMagnitude : -Self.forceMagnitude
        let cosTheta = cos(theta)
        let sinTheta = sin(theta)
        let temp = (force + Self.poleMassLength * (thetaDot * thetaDot) * sinTheta) / Self.totalMass
        let thetaAcc = (Self.gravity * sinTheta - cosTheta * temp)
            / (Self.length * (4.0 / 3.0 - Self.massPole * (cosTheta * cosTheta) / Self.totalMass))
        let xAcc = temp - Self.poleMassLength * thetaAcc * cosTheta / Self.totalMass

        x = x + Self.tau * xDot
        xDot = xDot + Self.tau * xAcc
        theta = theta + Self.tau * thetaDot
        thetaDot = thetaDot + Self.tau * thetaAcc

        let terminated = x < -Self.xThreshold || x > Self.xThreshold
            || theta < -Self.thetaThreshold || theta > Self.thetaThreshold
        writeObservation(observation)
        return StepResult(reward: 1, terminated: terminated)
    }

    /// `[x, x_dot, theta, theta_dot]`.
    public var state: [Double] { [x, xDot, theta, thetaDot] }

    public mutating func setState(_ state: [Double], observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) {
        try checkState(state, length: 4, layout: "[x, x_dot, theta, theta_dot]")
        (x, xDot, theta, thetaDot) = (state[0], state[1], state[2], state[3])
        startEpisode(observation: observation)
    }

    @inlinable
    func writeObservation(_ observation: UnsafeMutableBufferPointer<Float>) {
        precondition(observation.count == 4, "CartPole writes 4 observation components, the buffer holds \(observation.count)")
        observation[0] = Float(x)
        observation[1] = Float(xDot)
        observation[2] = Float(theta)
        observation[3] = Float(thetaDot)
    }
}
