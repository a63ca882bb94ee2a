import Foundation
import SeededRandom

/// gymnasium's `Acrobot-v1`: swing the tip of a two-link chain above the bar by torquing the
/// middle joint with -1 (action 0), 0 (1) or +1 (2).
///
/// The book's dynamics integrated by one RK4 step of 0.2 s; angles wrapped to [-π, π],
/// velocities bounded by 4π and 9π. Reward -1 per step, 0 on the step that reaches the goal
/// (`-cos θ1 - cos(θ1 + θ2) > 1`); the registered time limit is 500 steps.
/// Observation `[cos θ1, sin θ1, cos θ2, sin θ2, θ1_dot, θ2_dot]`.
public struct Acrobot: ReplayableEnvironment, ClassicControlEnvironment, Sendable {
    public static let registeredID = "Acrobot-v1"
    public static let registeredTimeLimit = 500

    @inlinable static var timeStep: Double { 0.2 }
    @inlinable static var linkLength1: Double { 1.0 }
    @inlinable static var linkMass1: Double { 1.0 }
    @inlinable static var linkMass2: Double { 1.0 }
    /// Positions of the links' centres of mass.
    @inlinable static var linkCenter1: Double { 0.5 }
    @inlinable static var linkCenter2: Double { 0.5 }
    /// Moment of inertia of either link.
    @inlinable static var linkInertia: Double { 1.0 }
    @inlinable static var gravity: Double { 9.8 }
    @inlinable static var maxVelocity1: Double { 4 * Double.pi }
    @inlinable static var maxVelocity2: Double { 9 * Double.pi }

    /// `[θ1, θ2, θ1_dot, θ2_dot]`.
    @usableFromInline var s = SIMD4<Double>()
    @usableFromInline var rng = Xoshiro256(seed: 0)

    /// An acrobot whose generator starts from seed 0 until `reset(seed:)` gives another.
    public init() {}

    public var actionSpace: ActionSpace { .discrete(3) }
    public var observationSpace: BoxSpace {
        let high: [Float] = [1, 1, 1, 1, Float(Self.maxVelocity1), Float(Self.maxVelocity2)]
        return BoxSpace(low: high.map { -$0 }, high: high)
    }

    /// Each state component uniform in [-0.1, 0.1), rounded to `Float` as gymnasium stores it.
    @inlinable
    mutating func drawInitialState() {
        for i in 0..<4 { s[i] = Double(Float(rng.uniform(-0.1, 0.1))) }
    }

    @inlinable
    public mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        try checkDiscreteAction(action, count: 3)
        let torque = Double(action - 1)
        var next = Self.rungeKutta4(s, torque: torque)
        next[0] = Self.wrap(next[0], -Double.pi, Double.pi)
        next[1] = Self.wrap(next[1], -Double.pi, Double.pi)
        next[2] = min(max(next[2], -Self.maxVelocity1), Self.maxVelocity1)
        next[3] = min(max(next[3], -Self.maxVelocity2), Self.maxVelocity2)
        s = next
        let terminated = -cos(s[0]) - cos(s[1] + s[0]) > 1.0
        writeObservation(observation)
        return StepResult(reward: terminated ? 0 : -1, terminated: terminated)
    }

    /// `[θ1, θ2, θ1_dot, θ2_dot]`.
    public var state: [Double] { [s[0], s[1], s[2], s[3]] }

    public mutating func setState(_ state: [Double], observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) {
        try checkState(state, length: 4, layout: "[theta1, theta2, dtheta1, dtheta2]")
        s = SIMD4(state[0], state[1], state[2], state[3])
        startEpisode(observation: observation)
    }

    /// One classic RK4 step of `timeStep` with the torque held constant, in gymnasium's operation order.
    @inlinable
    static func rungeKutta4(_ y0: SIMD4<Double>, torque: Double) -> SIMD4<Double> {
        let dt = timeStep
        let halfStep = dt / 2.0
        let k1 = derivatives(y0, torque: torque)
        let k2 = derivatives(y0 + halfStep * k1, torque: torque)
        let k3 = derivatives(y0 + halfStep * k2, torque: torque)
        let k4 = derivatives(y0 + dt * k3, torque: torque)
        return y0 + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    }

    /// The time derivative of `[θ1, θ2, θ1_dot, θ2_dot]` under `torque` (the book's equations).
    /// Squares of state values are taken by `pow`, as numpy's scalar `**` computes them.
    @inlinable
    static func derivatives(_ s: SIMD4<Double>, torque a: Double) -> SIMD4<Double> {
        let (m1, m2, l1, lc1, lc2) = (linkMass1, linkMass2, linkLength1, linkCenter1, linkCenter2)
        let (i1, i2, g) = (linkInertia, linkInertia, gravity)
        let (theta1, theta2, dtheta1, dtheta2) = (s[0], s[1], s[2], s[3])
        let cosTheta2 = cos(theta2)
        let sinTheta2 = sin(theta2)
        let d1 = m1 * (lc1 * lc1) + m2 * ((l1 * l1) + (lc2 * lc2) + 2 * l1 * lc2 * cosTheta2) + i1 + i2
        let d2 = m2 * ((lc2 * lc2) + l1 * lc2 * cosTheta2) + i2
        let phi2 = m2 * lc2 * g * cos(theta1 + theta2 - Double.pi / 2.0)
        let phi1 = -m2 * l1 * lc2 * pow(dtheta2, 2) * sinTheta2
            - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sinTheta2
            + (m1 * lc1 + m2 * l1) * g * cos(theta1 - Double.pi / 2)
            + phi2
        let ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * pow(dtheta1, 2) * sinTheta2 - phi2)
            / (m2 * (lc2 * lc2) + i2 - pow(d2, 2) / d1)
        let ddtheta1 = -(d2 * ddtheta2 + phi1) / d1
        return SIMD4(dtheta1, dtheta2, ddtheta1, ddtheta2)
    }

    /// `x` shifted by whole turns of `high - low` into `low...high`.
    @inlinable
    static func wrap(_ x: Double, _ low: Double, _ high: Double) -> Double {
        let period = high - low
        var x = x
        while x > high { x -= period }
        while x < low { x += period }
        return x
    }

    @inlinable
    func writeObservation(_ observation: UnsafeMutableBufferPointer<Float>) {
        precondition(observation.count == 6, "Acrobot writes 6 observation components, the buffer holds \(observation.count)")
        observation[0] = Float(cos(s[0]))
        observation[1] = Float(sin(s[0]))
        observation[2] = Float(cos(s[1]))
        observation[3] = Float(sin(s[1]))
        observation[4] = Float(s[2])
        observation[5] = Float(s[3])
    }
}
