import ArgumentParser
import Environments
import SeededRandom

/// `a3c-bench lunar`: single-thread steps per second of both LunarLander variants under random
/// actions, resets included (as an auto-resetting vector env pays them).
struct LunarLanderBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lunar",
        abstract: "LunarLander steps/s on one thread with random actions (resets included)."
    )

    @OptionGroup var common: CommonOptions

    static let defaultSteps = Preset(full: 500_000, quick: 5_000)

    @Option(help: "Timed steps per variant (\(defaultSteps.help)).")
    var steps: Int?

    static let defaultSeed: UInt64 = 0

    @Option(help: "Seed of the episodes and of the random actions.")
    var seed = defaultSeed

    /// One variant's measurement.
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
        let results = Self.report(steps: steps ?? Self.defaultSteps.value(quick: common.quick), seed: seed)
        try Report.writeJSON(section: "lunar", results, to: common.json)
    }

    /// Measures both variants, prints the table and returns the figures.
    static func report(steps: Int, seed: UInt64) -> [Result] {
        let results = [measure(TimeLimited(LunarLander(), maxEpisodeSteps: 1000), steps: steps, seed: seed),
                       measure(TimeLimited(LunarLanderContinuous(), maxEpisodeSteps: 1000), steps: steps, seed: seed)]
        let rows = results.map {
            [$0.id, Report.compact($0.stepsPerSecond), (1e6 * $0.seconds / Double($0.steps)).formatted(2), "\($0.steps)",
             "\($0.episodes)", $0.seconds.formatted(2)]
        }
        print(Report.tableSection("lunar — steps/s, random actions, resets included, one thread",
                                  ["environment", "steps/s", "µs/step", "steps", "episodes", "seconds"], rows))
        return results
    }

    /// Times `steps` random steps of `env` after a short warm-up.
    private static func measure<E: Environment>(_ env: E, steps: Int, seed: UInt64) -> Result {
        var env = env
        Report.progress("lunar: \(env.id)")
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
                run(min(steps, 10_000))
                episodes = 0
                let start = Report.now()
                run(steps)
                let seconds = Report.seconds(since: start)
                return Result(id: env.id, steps: steps, episodes: episodes, seconds: seconds, stepsPerSecond: Double(steps) / seconds)
            }
        }
    }
}
