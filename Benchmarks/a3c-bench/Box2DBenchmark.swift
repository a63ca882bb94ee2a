import ArgumentParser
import Environments
import SeededRandom

/// `a3c-bench box2d` (alias `lunar`): single-thread steps per second of the Box2D tasks (both
/// LunarLanders, both BipedalWalkers) under random actions, with their registered time limits and
/// resets included (as an auto-resetting vector env pays them).
struct Box2DBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "box2d",
        abstract: "LunarLander and BipedalWalker steps/s on one thread with random actions (resets included).",
        aliases: ["lunar"]
    )

    @OptionGroup var common: CommonOptions

    static let defaultSteps = Preset(full: 200_000, quick: 2_000)

    @Option(help: "Timed steps per environment (\(defaultSteps.help)).")
    var steps: Int?

    static let defaultSeed: UInt64 = 0

    @Option(help: "Seed of the episodes and of the random actions.")
    var seed = defaultSeed

    /// One environment's measurement.
    struct Result: Codable {
        var id: String
        var steps: Int
        var episodes: Int
        var seconds: Double
        var stepsPerSecond: Double
    }

    func validate() throws {
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
    }

    func run() throws {
        let results = try Self.report(steps: steps ?? Self.defaultSteps.value(quick: common.quick), seed: seed)
        try Report.writeJSON(section: "box2d", results, to: common.json)
    }

    /// LunarLander-v3 with random actions, one thread: gymnasium 1.4.0 and envpool on the same kind
    /// of machine (references, not figures of ours).
    static let gymnasiumStepsPerSecond = 37_700.0
    static let envpoolStepsPerSecond = 61_000.0

    /// Measures every Box2D task, prints the table and returns the figures. Each environment is
    /// its concrete type in its registered time limit, so the loop is specialised as a trainer's is.
    static func report(steps: Int, seed: UInt64) throws -> [Result] {
        func limited<E: Environment>(_ env: E) throws -> TimeLimited<E> {
            TimeLimited(env, maxEpisodeSteps: try Registry.spec(env.id).maxEpisodeSteps)
        }
        let results = [try measure(limited(LunarLander()), steps: steps, seed: seed),
                       try measure(limited(LunarLanderContinuous()), steps: steps, seed: seed),
                       try measure(limited(BipedalWalker()), steps: steps, seed: seed),
                       try measure(limited(BipedalWalker(hardcore: true)), steps: steps, seed: seed)]
        let rows = results.map {
            [$0.id, Report.compact($0.stepsPerSecond), (1e6 * $0.seconds / Double($0.steps)).formatted(2), "\($0.steps)",
             "\($0.episodes)", $0.seconds.formatted(2)]
        }
        print(Report.tableSection("box2d — steps/s, random actions, time limits and resets included, one thread",
                                  ["environment", "steps/s", "µs/step", "steps", "episodes", "seconds"], rows))
        print(results.filter { $0.id.hasPrefix("LunarLander") }.map {
            "\($0.id): \(($0.stepsPerSecond / gymnasiumStepsPerSecond).formatted(2))× gymnasium's " +
                "\(Report.compact(gymnasiumStepsPerSecond)) steps/s, \(($0.stepsPerSecond / envpoolStepsPerSecond).formatted(2))× " +
                "envpool's \(Report.compact(envpoolStepsPerSecond)) per thread"
        }.joined(separator: "; ") + " (references measured on the same kind of machine, not figures of ours). " +
            "Gymnasium's solver iterations (6·30 velocity, 2·30 position per step) and Debian's Box2D are kept: fidelity first.\n")
        return results
    }

    /// Times `steps` random steps of `env` after a short warm-up.
    private static func measure<E: Environment>(_ env: E, steps: Int, seed: UInt64) -> Result {
        var env = env
        Report.progress("box2d: \(env.id)")
        let space = env.actionSpace
        var rng = Xoshiro256(seed: seed ^ 0x5EED)
        var observation = [Float](repeating: 0, count: env.observationSpace.size)
        var action = [Float](repeating: 0, count: space.isDiscrete ? 0 : space.size)
        return observation.withUnsafeMutableBufferPointer { obs in
            action.withUnsafeMutableBufferPointer { action in
                env.reset(seed: seed, observation: obs)
                var episodes = 0
                func run(_ n: Int) {
                    for _ in 0..<n {
                        if env.stepRandomly(space, rng: &rng, action: action, observation: obs).done {
                            env.reset(seed: nil, observation: obs)
                            episodes += 1
                        }
                    }
                }
                run(min(steps, 5_000))
                episodes = 0
                let start = Report.now()
                run(steps)
                let seconds = Report.seconds(since: start)
                return Result(id: env.id, steps: steps, episodes: episodes, seconds: seconds, stepsPerSecond: Double(steps) / seconds)
            }
        }
    }
}
