import ArgumentParser
import Agents

/// `a3c eval CHECKPOINT`: mean ± std return of a saved agent over seeded episodes.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval", abstract: "Evaluate a saved checkpoint.")

    @Argument(help: "Checkpoint file written by `a3c train --save`.")
    var checkpoint: String
    @Option(help: "Number of episodes.")
    var episodes: Int = 100
    @Flag(help: "Take the most probable action (or the Gaussian mean) instead of sampling.")
    var deterministic = false
    @Option(help: "Seed of the episodes' resets and of action sampling.")
    var seed: UInt64 = 0

    func validate() throws {
        if episodes < 1 { throw ValidationError("--episodes must be at least 1, got \(episodes)") }
    }

    func run() throws {
        let model = try Checkpoint.load(from: checkpoint)
        let summary = try Evaluation.run(model, episodes: episodes, deterministic: deterministic, seed: seed)
        print(String(format: "%@: %d episodes, return %.2f ± %.2f, mean length %.1f", model.envID, episodes,
                     summary.mean, summary.standardDeviation, summary.meanLength) +
              (summary.solvedShare.map { String(format: ", %.0f%% at or above the threshold", 100 * $0) } ?? ""))
    }
}
