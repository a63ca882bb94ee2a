import Agents
import Environments
import Foundation

/// What `Policy` did over some steps of an environment: each observation, whether an episode
/// started there (reset the exported policy first), the deterministic action and the value. An
/// exported policy replays it to show that it acts the same (`a3c export --trace`).
public struct PolicyTrace: Codable, Equatable, Sendable {
    public var envID: String
    public var observationSize: Int
    /// Values per action: 1 (the index) for a discrete policy, else the action's length.
    public var actionWidth: Int
    public var stateSize: Int
    public var episodeStarts: [Bool]
    public var observations: [[Float]]
    public var actions: [[Float]]
    public var values: [Float]

    /// Longest trace `record` makes.
    public static let maxSteps = 1_000_000

    /// Runs `model`'s deterministic policy for `steps` steps of a new environment from `spec`,
    /// episode k reset with seed `seed + k`; the policy is reset at each episode.
    public static func record(_ model: TrainedModel, spec: EnvironmentSpec, steps: Int, seed: UInt64) throws -> PolicyTrace {
        guard (1...maxSteps).contains(steps) else { throw ExportError.invalidModel(reason: "a trace has 1 to \(maxSteps) steps, got \(steps)") }
        func run<F: EnvironmentFactory>(_ factory: F) throws -> PolicyTrace {
            var environment = factory.make()
            try model.checkFits(environment)
            return try record(model, in: &environment, steps: steps, seed: seed)
        }
        return try run(spec.factory)
    }

    static func record<E: Environment>(_ model: TrainedModel, in environment: inout E, steps: Int, seed: UInt64) throws -> PolicyTrace {
        let policy = try model.makePolicy(mode: .deterministic)
        var trace = PolicyTrace(envID: model.envID, observationSize: policy.observationSize, actionWidth: policy.actionWidth,
                                stateSize: policy.network.stateWidth, episodeStarts: [], observations: [], actions: [], values: [])
        var episode: UInt64 = 0
        var observation = environment.reset(seed: seed)
        var start = true
        var action = [Float](repeating: 0, count: policy.actionWidth)
        for _ in 0..<steps {
            if start { policy.reset() }
            let value = try observation.withUnsafeBufferPointer { o in
                try action.withUnsafeMutableBufferPointer { a in try policy.act(observation: o, action: a) }
            }
            trace.episodeStarts.append(start)
            trace.observations.append(observation)
            trace.actions.append(action)
            trace.values.append(value)
            let step = try environment.step(environment.actionSpace.isDiscrete ? .discrete(Int(action[0])) : .continuous(action))
            start = step.result.done
            if start {
                episode += 1
                observation = environment.reset(seed: seed &+ episode)
            } else {
                observation = step.observation
            }
        }
        return trace
    }
}
