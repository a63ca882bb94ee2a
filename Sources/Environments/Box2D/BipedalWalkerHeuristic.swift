/// gymnasium's `BipedalWalkerHeuristics`: a walking state machine "with no notion of balance".
/// One leg swings forward (hip to 1.1, knee bent), is put down ahead, then pushes off while the
/// other takes its turn; PD terms hold the hull level and damp vertical bounce. A baseline: on
/// gymnasium it walks some courses to the end but falls on most.
///
/// It keeps state between steps: use a new value (or `init()`) for each episode and feed it the
/// observations in order, starting with the reset observation.
public struct BipedalWalkerHeuristic: Sendable {
    enum Phase: Sendable {
        case stayOnOneLeg, putOtherDown, pushOff
    }

    /// Forward speed (observation 2) above which the walker would fall forward.
    static let speed: Float = 0.29
    static let supportKneeAngle: Float = 0.1

    var phase = Phase.stayOnOneLeg
    var movingLeg = 0
    var supportingKneeAngle = BipedalWalkerHeuristic.supportKneeAngle

    public init() {}

    /// The 4 motor commands in [−1, 1] for observation `s` (24 values), advancing the state machine.
    public mutating func action(observation s: UnsafeBufferPointer<Float>) -> (Float, Float, Float, Float) {
        precondition(s.count >= 24, "BipedalWalkerHeuristic needs the 24 BipedalWalker observations, got \(s.count)")
        let supportingLeg = 1 - movingLeg
        let movingBase = 4 + 5 * movingLeg, supportingBase = 4 + 5 * supportingLeg
        // Targets per leg; NaN: none (gymnasium's None).
        var hipTarget = SIMD2<Float>(repeating: .nan), kneeTarget = SIMD2<Float>(repeating: .nan)

        if phase == .stayOnOneLeg {
            hipTarget[movingLeg] = 1.1
            kneeTarget[movingLeg] = -0.6
            supportingKneeAngle += 0.03
            if s[2] > Self.speed { supportingKneeAngle += 0.03 }
            supportingKneeAngle = min(supportingKneeAngle, Self.supportKneeAngle)
            kneeTarget[supportingLeg] = supportingKneeAngle
            if s[supportingBase] < 0.10 { phase = .putOtherDown }
        }
        if phase == .putOtherDown {
            hipTarget[movingLeg] = 0.1
            kneeTarget[movingLeg] = Self.supportKneeAngle
            kneeTarget[supportingLeg] = supportingKneeAngle
            if s[movingBase + 4] != 0 {
                phase = .pushOff
                supportingKneeAngle = min(s[movingBase + 2], Self.supportKneeAngle)
            }
        }
        if phase == .pushOff {
            kneeTarget[movingLeg] = supportingKneeAngle
            kneeTarget[supportingLeg] = 1.0
            if s[supportingBase + 2] > 0.88 || s[2] > 1.2 * Self.speed {
                phase = .stayOnOneLeg
                movingLeg = 1 - movingLeg
            }
        }

        // gymnasium tests each target's truthiness: a target of exactly 0 counts as none.
        var hip = SIMD2<Float>(), knee = SIMD2<Float>()
        for leg in 0..<2 {
            let base = 4 + 5 * leg
            let hipGoal = hipTarget[leg], kneeGoal = kneeTarget[leg]
            if !hipGoal.isNaN && hipGoal != 0 { hip[leg] = 0.9 * (hipGoal - s[base]) - 0.25 * s[base + 1] }
            if !kneeGoal.isNaN && kneeGoal != 0 { knee[leg] = 4.0 * (kneeGoal - s[base + 2]) - 0.25 * s[base + 3] }
            hip[leg] -= 0.9 * (0 - s[0]) - 1.5 * s[1]
            knee[leg] -= 15.0 * s[3]
        }
        func clip(_ v: Float) -> Float { min(max(0.5 * v, -1), 1) }
        return (clip(hip[0]), clip(knee[0]), clip(hip[1]), clip(knee[1]))
    }
}
