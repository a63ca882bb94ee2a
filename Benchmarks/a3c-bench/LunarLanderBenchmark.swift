import ArgumentParser
import Environments
import Foundation
import SeededRandom

/// `a3c-bench lunar`: single-thread steps per second of both LunarLander variants under random
/// actions, resets included (as an auto-resetting vector env pays them).
struct LunarLanderBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lunar",
        abstract: "LunarLander steps/s on one thread with random actions (resets included)."
    )

    @Option(help: "Timed steps per variant.")
    var steps: Int = 500_000

    @Option(help: "Seed of the episodes and of the random actions.")
    var seed: UInt64 = 0

    @Option(help: "Also write the results as JSON to this file.")
    var json: String?

    /// One variant's measurement.
    struct Result: Codable {
        var id: String
        var steps: Int
        var episodes: Int
        var seconds: Double
        var stepsPerSecond: Double
    }

    func validate() throws {
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
    }

    func run() throws {
        let results = [
            measure(LunarLander(), steps: steps, seed: seed) { env, obs, rng in
                try env.step(discrete: rng.nextInt(below: 4), observation: obs)
            },
            measure(LunarLanderContinuous(), steps: steps, seed: seed) { env, obs, rng in
                let action = (Float(rng.uniform(-1, 1)), Float(rng.uniform(-1, 1)))
                return try withUnsafeBytes(of: action) { raw in
                    try env.step(continuous: raw.bindMemory(to: Float.self), observation: obs)
                }
            },
        ]
        for r in results {
            print("\(r.id): \(Int(r.stepsPerSecond.rounded())) steps/s (\(r.steps) steps, \(r.episodes) episodes, "
                  + String(format: "%.2f s, %.2f µs/step)", r.seconds, 1e6 * r.seconds / Double(r.steps)))
        }
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(["lunar": results]).write(to: URL(fileURLWithPath: json))
        }
    }

    /// Times `steps` random steps of `env` after a short warm-up; `act` draws and applies one action.
    private func measure<E: Environment>(
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
            let clock = ContinuousClock()
            let elapsed = clock.measure { run(steps) }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            return Result(id: env.id, steps: steps, episodes: episodes, seconds: seconds, stepsPerSecond: Double(steps) / seconds)
        }
    }
}
