import Foundation

/// Makes environments of one concrete type, wrapped in their registered time limit. Open a spec's
/// `factory` with a generic function (`func run<F: EnvironmentFactory>(_ f: F)`) to get code
/// specialised on the environment type: no existential in the hot loop.
public protocol EnvironmentFactory: Sendable {
    associatedtype Base: Environment
    /// The registered id, used in errors.
    var id: String { get }
    /// The registered time limit, `nil` for none.
    var maxEpisodeSteps: Int? { get }
    /// A new environment without the time limit.
    func makeBase() -> Base
}

extension EnvironmentFactory {
    /// A new environment with the registered time limit.
    @inlinable
    public func make() -> TimeLimited<Base> { TimeLimited(makeBase(), maxEpisodeSteps: maxEpisodeSteps, id: id) }
}

/// The factory behind `EnvironmentSpec.init(id:aliases:maxEpisodeSteps:rewardThreshold:make:)`.
public struct ClosureEnvironmentFactory<Base: Environment>: EnvironmentFactory {
    public let id: String
    public let maxEpisodeSteps: Int?
    @usableFromInline let body: @Sendable () -> Base

    @inlinable public func makeBase() -> Base { body() }
}

/// A registered environment: its id, registered limits and how to make it.
public struct EnvironmentSpec: Sendable {
    public let id: String
    /// Older ids accepted for the same environment (e.g. `LunarLander-v2`).
    public let aliases: [String]
    /// The time limit the trainers, evaluation and rollouts apply (gymnasium's `max_episode_steps`);
    /// `nil` for none.
    public let maxEpisodeSteps: Int?
    /// The mean return gymnasium calls "solved", if it registers one.
    public let rewardThreshold: Double?
    /// Makes the environments; open it with a generic function for specialised code.
    public let factory: any EnvironmentFactory

    /// A spec whose environments `make` creates (e.g. `make: { Corridor() }`); `make` must give
    /// a fresh, independent environment on every call, from any thread.
    public init<E: Environment>(id: String, aliases: [String] = [], maxEpisodeSteps: Int?, rewardThreshold: Double?,
                                make: @escaping @Sendable () -> E) {
        self.id = id
        self.aliases = aliases
        self.maxEpisodeSteps = maxEpisodeSteps
        self.rewardThreshold = rewardThreshold
        factory = ClosureEnvironmentFactory(id: id, maxEpisodeSteps: maxEpisodeSteps, body: make)
    }

    /// The concrete environment type, without the time limit.
    public var type: any Environment.Type {
        func baseType<F: EnvironmentFactory>(_: F) -> any Environment.Type { F.Base.self }
        return baseType(factory)
    }

    /// A new environment with the registered time limit (a `TimeLimited`).
    public func make() -> any Environment {
        func make<F: EnvironmentFactory>(_ factory: F) -> any Environment { factory.make() }
        return make(factory)
    }

    /// Throws unless the id is non-empty and the time limit, if any, positive.
    public func validate() throws(EnvironmentError) {
        if id.trimmingCharacters(in: .whitespaces).isEmpty || aliases.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw .invalidSpec(id: id, reason: "ids and aliases must not be empty")
        }
        if let limit = maxEpisodeSteps, limit < 1 {
            throw .invalidSpec(id: id, reason: "maxEpisodeSteps must be at least 1 (or nil for no limit), got \(limit)")
        }
        if let threshold = rewardThreshold, !threshold.isFinite {
            throw .invalidSpec(id: id, reason: "rewardThreshold must be finite, got \(threshold)")
        }
    }
}

/// The environments known by id: the built-in ones and any registered at run time.
///
/// Thread-safe: registration and lookup may happen from any thread.
public enum Registry {
    /// Every registered spec, built-in first, then in registration order.
    public static var specs: [EnvironmentSpec] { storage.withLock { $0 } }

    /// The registered ids, in registration order.
    public static var ids: [String] { specs.map(\.id) }

    /// Registers `spec` so that everything that takes an id (training, checkpoints, evaluation,
    /// rollouts, the command line) accepts it. Throws for an invalid spec or an id or alias that
    /// is already registered.
    public static func register(_ spec: EnvironmentSpec) throws(EnvironmentError) {
        try spec.validate()
        let taken: String? = storage.withLock { specs in
            let names = Set(specs.flatMap { [$0.id] + $0.aliases })
            if let clash = ([spec.id] + spec.aliases).first(where: names.contains) { return clash }
            specs.append(spec)
            return nil
        }
        if let taken { throw .duplicateID(taken) }
    }

    /// The spec registered under `id` or one of its aliases.
    public static func spec(_ id: String) throws(EnvironmentError) -> EnvironmentSpec {
        let all = specs
        if let spec = all.first(where: { $0.id == id || $0.aliases.contains(id) }) { return spec }
        throw .unknownID(id, known: all.map(\.id), closest: closestID(to: id, in: all))
    }

    /// A new instance, time-limited as registered, of the environment registered under `id`.
    public static func make(_ id: String) throws(EnvironmentError) -> any Environment {
        try spec(id).make()
    }

    private static let storage = LockedSpecs(classicControlSpecs + lunarLanderSpecs + bipedalWalkerSpecs + velocityMaskedSpecs + memorySpecs
                                                 + minAtarSpecs)

    /// The registered id nearest to `id` by edit distance (case-insensitive), if any is near.
    static func closestID(to id: String, in specs: [EnvironmentSpec]) -> String? {
        let target = Array(id.lowercased())
        let scored = specs.flatMap { [$0.id] + $0.aliases }.map { ($0, editDistance(Array($0.lowercased()), target)) }
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

/// The registry's list of specs behind a lock: every read and write goes through `withLock`.
private final class LockedSpecs: @unchecked Sendable {
    private let lock = NSLock()
    private var specs: [EnvironmentSpec]

    init(_ specs: [EnvironmentSpec]) { self.specs = specs }

    func withLock<T>(_ body: (inout [EnvironmentSpec]) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&specs)
    }
}
