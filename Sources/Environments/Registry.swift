/// A registered environment: its gymnasium id, registered limits and how to make it.
public struct EnvironmentSpec: Sendable {
    public let id: String
    /// Older ids accepted for the same environment (e.g. `LunarLander-v2`).
    public let aliases: [String]
    public let maxEpisodeSteps: Int
    /// The mean return gymnasium calls "solved", if it registers one.
    public let rewardThreshold: Double?
    /// The concrete type, for generic code that wants to specialise on it.
    public let type: any Environment.Type

    public init(id: String, aliases: [String] = [], maxEpisodeSteps: Int, rewardThreshold: Double?, type: any Environment.Type) {
        self.id = id
        self.aliases = aliases
        self.maxEpisodeSteps = maxEpisodeSteps
        self.rewardThreshold = rewardThreshold
        self.type = type
    }

    /// A new instance with default options.
    public func make() -> any Environment { type.init() }
}

/// All built-in environments, by gymnasium id.
public enum Registry {
    public static let specs: [EnvironmentSpec] = classicControlSpecs + lunarLanderSpecs

    /// The registered ids, in registration order.
    public static var ids: [String] { specs.map(\.id) }

    /// The spec registered under `id` or one of its aliases.
    public static func spec(_ id: String) throws(EnvironmentError) -> EnvironmentSpec {
        if let spec = specs.first(where: { $0.id == id || $0.aliases.contains(id) }) { return spec }
        throw .unknownID(id, known: ids, closest: closestID(to: id))
    }

    /// A new instance of the environment registered under `id`.
    public static func make(_ id: String) throws(EnvironmentError) -> any Environment {
        try spec(id).make()
    }

    /// The registered id nearest to `id` by edit distance (case-insensitive), if any is near.
    static func closestID(to id: String) -> String? {
        let target = Array(id.lowercased())
        let scored = (ids + specs.flatMap(\.aliases)).map { ($0, editDistance(Array($0.lowercased()), target)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(3, target.count / 2) else { return nil }
        return best.0
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1..<(b.count + 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
