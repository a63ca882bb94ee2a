/// Errors a user of an environment can cause; each message says what was wrong and what is expected.
public enum EnvironmentError: Error, Equatable, CustomStringConvertible {
    /// No environment is registered under `id`.
    case unknownID(String, known: [String], closest: String?)
    /// The action does not belong to the action space.
    case invalidAction(env: String, action: String, space: ActionSpace, reason: String)
    /// `step` was called after the episode ended, before `reset`.
    case episodeEnded(env: String)
    /// `step` was called before the first `reset`.
    case notReset(env: String)
    /// `setState` got a state of the wrong length or with non-finite values.
    case invalidState(env: String, state: [Double], expected: String)
    /// `Registry.register` got an id or alias that is already registered.
    case duplicateID(String)
    /// A spec that cannot be registered or trained: empty id, non-positive time limit.
    case invalidSpec(id: String, reason: String)
    /// A physics engine refused a model or failed during a step (an error, NaN, a diverging state).
    case simulationFailed(env: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownID(id, known, closest):
            let hint = closest.map { " Did you mean \"\($0)\"?" } ?? ""
            return "unknown environment id \"\(id)\".\(hint) Known ids: \(known.joined(separator: ", "))"
        case let .invalidAction(env, action, space, reason):
            return "\(env): invalid action \(action) for action space \(space): \(reason)"
        case let .episodeEnded(env):
            return "\(env): step called after the episode ended; call reset first"
        case let .notReset(env):
            return "\(env): step called before the first reset; call reset first"
        case let .invalidState(env, state, expected):
            return "\(env): invalid state \(state): expected \(expected)"
        case let .duplicateID(id):
            return "environment id \"\(id)\" is already registered; register each id (and alias) once, or choose another id"
        case let .invalidSpec(id, reason):
            return "invalid environment spec \"\(id)\": \(reason)"
        case let .simulationFailed(env, reason):
            return "\(env): \(reason)"
        }
    }
}
