import Foundation

/// A recording of an environment's episodes by a reference implementation (gymnasium), in the
/// JSON layout of `shared/fixtures`: `{"env", "source", "episodes": [...]}`.
public struct Fixture: Sendable, Equatable, Decodable {
    /// One recorded episode: the state it started from, the actions taken and what each step returned.
    public struct Episode: Sendable, Equatable, Decodable {
        /// The seed the recorder's `reset` got (its generator is not ours: informative only).
        public var seed: Int?
        /// The internal state right after the reset, in the environment's `state` order.
        public var initialState: [Double]
        public var initialObservation: [Double]
        public var actions: [Action]
        public var observations: [[Double]]
        public var rewards: [Double]
        public var terminated: [Bool]
        public var truncated: [Bool]

        enum CodingKeys: String, CodingKey {
            case seed, actions, rewards, terminated, truncated
            case initialState = "initial_state"
            case initialObservation = "initial_obs"
            case observations = "obs"
        }
    }

    /// The gymnasium id of the recorded environment.
    public var env: String
    /// What recorded it, e.g. `"gymnasium 1.4.0"`.
    public var source: String?
    public var episodes: [Episode]

    /// Reads and decodes the fixture at `url`, checking that every episode has one observation,
    /// reward and pair of flags per action.
    public init(contentsOf url: URL) throws(FixtureError) {
        self = try Self.decode(Fixture.self, from: url)
        try validate(path: url.path)
    }

    /// Checks that every episode has one observation, reward and pair of flags per action.
    func validate(path: String) throws(FixtureError) {
        for (index, episode) in episodes.enumerated() {
            let counts = [episode.observations.count, episode.rewards.count, episode.terminated.count, episode.truncated.count]
            guard counts.allSatisfy({ $0 == episode.actions.count }) else {
                throw .malformed(
                    path: path,
                    reason: "episode \(index) has \(episode.actions.count) actions but \(counts[0]) observations, "
                        + "\(counts[1]) rewards, \(counts[2]) terminated and \(counts[3]) truncated flags; expected one each per action"
                )
            }
        }
    }

    /// The recording of type `T` in the JSON file at `url`; unreadable or undecodable files are
    /// refused with the path and, for bad JSON, where in it and what was wrong.
    static func decode<T: Decodable>(_: T.Type, from url: URL) throws(FixtureError) -> T {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw .malformed(path: url.path, reason: explain(error))
        } catch {
            throw .malformed(path: url.path, reason: "\(error)")
        }
    }

    /// Replays the recording at `url`, read and parsed once: a minatar recording (it has minatar's
    /// key) from its seeds, else a gymnasium fixture from its states; see the two `replay(expecting:)`.
    public static func replayRecording(at url: URL, expecting expectedID: String? = nil) throws(FixtureError) -> ReplayReport {
        switch try decode(AnyRecording.self, from: url) {
        case .gymnasium(let fixture):
            try fixture.validate(path: url.path)
            return try fixture.replay(expecting: expectedID)
        case .minAtar(let recording):
            try recording.validate(path: url.path)
            return try recording.replay(expecting: expectedID)
        }
    }

    /// A one-line account of a decoding error: where in the JSON and what was wrong.
    static func explain(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.isEmpty ? "the top level" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case let .keyNotFound(key, context):
            return "missing key \"\(key.stringValue)\" at \(path(context.codingPath))"
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            return "expected \(type) at \(path(context.codingPath)): \(context.debugDescription)"
        case let .dataCorrupted(context):
            return "invalid JSON at \(path(context.codingPath)): \(context.debugDescription) \(context.underlyingError.map { "\($0)" } ?? "")"
        @unknown default:
            return "\(error)"
        }
    }
}

extension Action: Decodable {
    /// An integer decodes as a discrete action, a list of numbers as a continuous one.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let discrete = try? container.decode(Int.self) {
            self = .discrete(discrete)
        } else {
            self = .continuous(try container.decode([Float].self))
        }
    }
}

/// Why a fixture could not be read or replayed.
/// A recording file of either kind, told apart by minatar's key.
enum AnyRecording: Decodable {
    case gymnasium(Fixture), minAtar(MinAtarRecording)

    private enum Key: String, CodingKey { case minatar }

    init(from decoder: any Decoder) throws {
        self = try decoder.container(keyedBy: Key.self).contains(.minatar)
            ? .minAtar(MinAtarRecording(from: decoder)) : .gymnasium(Fixture(from: decoder))
    }
}

public enum FixtureError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(path: String, reason: String)
    /// The fixture records `fixtureEnv` but was meant for `expected`.
    case environmentMismatch(fixtureEnv: String, expected: String)
    /// The environment refused a recorded state or action; `step` 0 is the `setState`.
    case replayFailed(episode: Int, step: Int, error: EnvironmentError)
    case environment(EnvironmentError)
    /// The environment cannot set its state (`ReplayableEnvironment`), so recordings cannot be replayed.
    case notReplayable(env: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read fixture \(path): \(reason)"
        case let .malformed(path, reason):
            return "fixture \(path) is not a valid recording: \(reason)"
        case let .environmentMismatch(fixtureEnv, expected):
            return "the fixture records \(fixtureEnv), not \(expected); pass the id it records or another fixture"
        case let .replayFailed(episode, step, error):
            return "replay failed at episode \(episode), step \(step): \(error)"
        case let .environment(error):
            return error.description
        case let .notReplayable(env):
            return "\(env) cannot be replayed: it does not conform to ReplayableEnvironment (state and setState)"
        }
    }
}
