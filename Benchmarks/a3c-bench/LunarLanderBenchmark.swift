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
        if let json = common.json { try Report.writeJSON(["lunar": Report.jsonObject(results)], to: json) }
    }

    /// Measures both variants, prints the table and returns the figures.
    static func report(steps: Int, seed: UInt64) -> [Result] {
        Report.progress("lunar: LunarLander-v3")
        let discrete = measure(LunarLander(), steps: steps, seed: seed) { env, obs, rng in
            try env.step(discrete: rng.nextInt(below: 4), observation: obs)
        }
        Report.progress("lunar: LunarLanderContinuous-v3")
        let continuous = measure(LunarLanderContinuous(), steps: steps, seed: seed) { env, obs, rng in
            let action = (Float(rng.uniform(-1, 1)), Float(rng.uniform(-1, 1)))
            return try withUnsafeBytes(of: action) { raw in
                try env.step(continuous: raw.bindMemory(to: Float.self), observation: obs)
            }
        }
        let results = [discrete, continuous]
        let rows = results.map {
            [$0.id, Report.compact($0.stepsPerSecond), (1e6 * $0.seconds / Double($0.steps)).formatted(2), "\($0.steps)",
             "\($0.episodes)", $0.seconds.formatted(2)]
        }
        print(Report.heading("lunar — steps/s, random actions, resets included, one thread") + "\n" +
              Report.table(["environment", "steps/s", "µs/step", "steps", "episodes", "seconds"], rows) + "\n")
        return results
    }

    /// Times `steps` random steps of `env` after a short warm-up; `act` draws and applies one action.
    private static func measure<E: Environment>(
        _ env: E, steps: Int, seed: UInt64,
        act: (inout E, UnsafeMutableBufferPointer<Float>, inout Xoshiro256) throws -> StepResult
    ) -> Result {
        var env = env
        var rng = Xoshiro256(seed: seed ^ 0x5EED)
        var observation = [Float](repeating: 0, count: env.observationSpace.size)
        return observation.withUnsafeMutableBufferPointer { obs in
            env.reset(seed: seed, observation: obs)
            var episodes = 0
            func run(_ n: Int) {
                for _ in 0..<n {
                    do {
                        if try act(&env, obs, &rng).done {
                            env.reset(seed: nil, observation: obs)
                            episodes += 1
                        }
                    } catch {
                        fatalError("\(error)")
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
