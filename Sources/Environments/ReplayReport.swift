/// How closely an environment reproduced a recording: the largest deviations and every
/// disagreement on the episode flags.
public struct ReplayReport: Sendable, Equatable {
    /// Where in a recording: `step` 0 is the observation after `setState`, steps count from 1.
    public struct Location: Sendable, Equatable, CustomStringConvertible {
        public var episode: Int
        public var step: Int

        public init(episode: Int, step: Int) {
            self.episode = episode
            self.step = step
        }

        public var description: String { "episode \(episode), step \(step)" }
    }

    /// A step whose `terminated` or `truncated` flag differs from the recording.
    public struct FlagMismatch: Sendable, Equatable, CustomStringConvertible {
        public var location: Location
        public var flag: String
        public var expected: Bool
        public var actual: Bool

        public var description: String { "\(location): \(flag) is \(actual), recorded \(expected)" }
    }

    public var env: String
    public var episodes = 0
    public var steps = 0
    /// Largest absolute difference of any observation component (NaN if one was NaN).
    public var maxObservationDeviation = 0.0
    public var maxObservationDeviationAt: Location?
    /// Largest absolute difference of any reward (NaN if one was NaN).
    public var maxRewardDeviation = 0.0
    public var maxRewardDeviationAt: Location?
    public var flagMismatches: [FlagMismatch] = []

    public init(env: String) { self.env = env }

    /// Whether deviations stay within the tolerances and every flag matches.
    public func passes(observationTolerance: Double, rewardTolerance: Double) -> Bool {
        maxObservationDeviation <= observationTolerance && maxRewardDeviation <= rewardTolerance && flagMismatches.isEmpty
    }

    /// An observation of the wrong length counts as an infinite deviation.
    mutating func recordObservation(_ actual: [Double], expected: [Double], at location: Location) {
        let deviations = actual.count == expected.count ? zip(actual, expected).map { abs($0 - $1) } : [.infinity]
        for deviation in deviations {
            if !(deviation <= maxObservationDeviation) && !maxObservationDeviation.isNaN {
                maxObservationDeviation = deviation
                maxObservationDeviationAt = location
            }
        }
    }

    mutating func recordReward(_ actual: Double, expected: Double, at location: Location) {
        let deviation = abs(actual - expected)
        if !(deviation <= maxRewardDeviation) && !maxRewardDeviation.isNaN {
            maxRewardDeviation = deviation
            maxRewardDeviationAt = location
        }
    }

    mutating func recordFlag(_ flag: String, actual: Bool, expected: Bool, at location: Location) {
        if actual != expected {
            flagMismatches.append(FlagMismatch(location: location, flag: flag, expected: expected, actual: actual))
        }
    }
}

extension ReplayReport {
    /// A few lines for a person: what was replayed, the largest deviations against their
    /// tolerances, each flag mismatch, and the verdict.
    public func summary(observationTolerance: Double, rewardTolerance: Double) -> String {
        func deviation(_ value: Double, at location: Location?, tolerance: Double) -> String {
            let verdict = value <= tolerance ? "ok" : "EXCEEDS"
            return "\(value) (tolerance \(tolerance), \(verdict))" + (location.map { " at \($0)" } ?? "")
        }
        var lines = [
            "\(env): replayed \(episodes) episodes, \(steps) steps",
            "max observation deviation: " + deviation(maxObservationDeviation, at: maxObservationDeviationAt, tolerance: observationTolerance),
            "max reward deviation: " + deviation(maxRewardDeviation, at: maxRewardDeviationAt, tolerance: rewardTolerance),
            "flag mismatches: \(flagMismatches.count)",
        ]
        lines += flagMismatches.map { "  \($0)" }
        lines.append(passes(observationTolerance: observationTolerance, rewardTolerance: rewardTolerance) ? "PASS" : "FAIL")
        return lines.joined(separator: "\n")
    }
}
