import Agents
import Engine
import Environments
import Foundation
import Rendering
import SeededRandom

/// What `a3c render` records: a trained agent from a checkpoint, or a baseline policy on an
/// environment id, into a GIF (every kept frame) or a PNG (one frame).
public struct RenderRequest: Sendable {
    /// A checkpoint file or a registered environment id (or alias).
    public var source: String
    /// For an environment id: the baseline to drive it (`nil`: random). Not for a checkpoint.
    public var policy: BaselinePolicy?
    /// `.gif` or `.png`.
    public var output: String
    /// A trained agent takes its most probable action (or the Gaussian mean) instead of sampling.
    public var deterministic: Bool
    public var options: RecordingOptions

    public init(source: String, policy: BaselinePolicy? = nil, output: String, deterministic: Bool = false,
                options: RecordingOptions = RecordingOptions()) {
        self.source = source
        self.policy = policy
        self.output = output
        self.deterministic = deterministic
        self.options = options
    }
}

/// A render request that cannot run; the message says what is wrong and what is expected.
public enum RenderRequestError: Error, Equatable, CustomStringConvertible {
    case unknownSource(String, envError: String)
    case policyWithCheckpoint(String)
    case notRenderable(String)

    public var description: String {
        switch self {
        case let .unknownSource(source, envError):
            "\"\(source)\" is neither a checkpoint file nor a registered environment id (\(envError))"
        case let .policyWithCheckpoint(path):
            "--policy drives an environment id; the checkpoint \"\(path)\" acts with its own network (drop --policy)"
        case let .notRenderable(id):
            "\(id) cannot be drawn: it neither describes a frame (RenderableEnvironment) nor paints one (PaintingEnvironment)"
        }
    }
}

/// Runs `a3c render`: every check (output path and extension, options, source, policy, and the
/// model against its environment in `Checkpoint.load`) happens before the first episode.
public enum RenderJob {
    public static func run(_ request: RenderRequest) throws -> RecordingSummary {
        _ = try PictureFormat.checkedOutput(request.output)
        try request.options.validate()

        let spec: EnvironmentSpec?
        var envError = ""
        do { spec = try Registry.spec(request.source) } catch { spec = nil; envError = "\(error)" }
        if let spec {
            let policy = request.policy ?? .random
            let available = BaselinePolicy.available(for: spec)
            guard available.contains(policy) else {
                throw RolloutError.policyUnavailable(policy, envID: spec.id, available: available)
            }
            let env = try Registry.make(spec.id)
            return try record(env, request: request) { env in try baseline(policy, env: env, type: spec.type, seed: request.options.seed) }
        }

        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: request.source, isDirectory: &isFolder), !isFolder.boolValue else {
            throw RenderRequestError.unknownSource(request.source, envError: envError)
        }
        guard request.policy == nil else { throw RenderRequestError.policyWithCheckpoint(request.source) }
        let model = try Checkpoint.load(from: request.source)
        let env = try Registry.make(model.envID)
        guard env is any RenderableEnvironment || env is any PaintingEnvironment else {
            throw RenderRequestError.notRenderable(model.envID)
        }
        let policy = try model.makePolicy()
        var generator = Xoshiro256(seed: request.options.seed)
        return try record(env, request: request) { _ in
            Chooser(startingEpisode: policy.reset) { observation, action in
                policy.act(observation.baseAddress!, deterministic: request.deterministic, rng: &generator, action: action.baseAddress!)
            }
        }
    }

    /// An action chooser and what it does at the start of each episode.
    struct Chooser {
        var startingEpisode: () -> Void = {}
        var act: ActionChooser
    }

    /// Opens the environment's type (shapes it describes, or pixels it paints: MuJoCo's tasks) and records
    /// with the chooser made for it.
    static func record(_ env: any Environment, request: RenderRequest,
                       chooser: (any Environment) throws -> Chooser) throws -> RecordingSummary {
        func drawn<E: RenderableEnvironment>(_ env: E) throws -> RecordingSummary {
            var env = env
            let chosen = try chooser(env)
            return try Recording.record(&env, to: request.output, options: request.options,
                                        startingEpisode: chosen.startingEpisode, act: chosen.act)
        }
        func painted<E: PaintingEnvironment>(_ env: E) throws -> RecordingSummary {
            var env = env
            let chosen = try chooser(env)
            return try Recording.record(&env, to: request.output, options: request.options,
                                        startingEpisode: chosen.startingEpisode, act: chosen.act)
        }
        if let env = env as? any RenderableEnvironment { return try drawn(env) }
        if let env = env as? any PaintingEnvironment { return try painted(env) }
        throw RenderRequestError.notRenderable(env.id)
    }

    /// The random or heuristic baseline of an environment of registered type `type`. BipedalWalker's
    /// heuristic is a state machine, started afresh with each episode.
    static func baseline(_ policy: BaselinePolicy, env: any Environment, type: any Environment.Type, seed: UInt64) throws -> Chooser {
        var parent = Xoshiro256(seed: seed)
        var generator = parent.split()
        switch (policy, env.actionSpace) {
        case (.heuristic, .box) where type is BipedalWalker.Type:
            var walker = BipedalWalkerHeuristic()
            return Chooser(startingEpisode: { walker = BipedalWalkerHeuristic() }) { observation, action in
                (action[0], action[1], action[2], action[3]) = walker.action(observation: observation)
            }
        case (.heuristic, .discrete):
            return Chooser { observation, action in action[0] = Float(LunarLanderHeuristic.discreteAction(observation: observation)) }
        case (.heuristic, .box):
            return Chooser { observation, action in
                let a = LunarLanderHeuristic.continuousAction(observation: observation)
                action[0] = a.main
                action[1] = a.lateral
            }
        case let (.random, .discrete(n)):
            return Chooser { _, action in action[0] = Float(generator.nextInt(below: n)) }
        case let (.random, .box(box)):
            guard (box.low + box.high).allSatisfy(\.isFinite) else {
                throw RolloutError.unboundedActionSpace(envID: env.id, space: env.actionSpace)
            }
            return Chooser { _, action in
                for i in action.indices { action[i] = box.low[i] + (box.high[i] - box.low[i]) * generator.nextFloat() }
            }
        }
    }
}
