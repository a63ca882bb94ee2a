import ArgumentParser
import Environments
import Foundation

/// `a3c rollout ID --policy random|heuristic --episodes N --seed S`: a baseline's return statistics.
struct RolloutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout",
        abstract: "Run a baseline policy on an environment and print its return statistics."
    )

    @Argument(help: "A registered environment id or alias, e.g. LunarLander-v3.")
    var id: String

    @Option(help: "The baseline: random (every environment) or heuristic (LunarLander and BipedalWalker variants).")
    var policy: BaselinePolicy = .random

    @Option(help: "Number of episodes (at least 1).")
    var episodes: Int = 100

    @Option(help: "Episode k is reset with seed S + k.")
    var seed: UInt64 = 0

    func validate() throws {
        guard episodes >= 1 else { throw ValidationError("--episodes must be at least 1, got \(episodes)") }
    }

    /// Library errors (unknown id, policy not available) print as `Error: <message>` with exit code 1.
    func run() throws {
        let summary = try rollout(envID: id, policy: policy, episodes: episodes, seed: seed)
        print("\(summary.envID), \(summary.policy) policy, \(summary.episodes) episodes, seeds \(seed)...\(seed &+ UInt64(episodes - 1))")
        print("return: \(fixed(summary.meanReturn)) ± \(fixed(summary.returnStandardDeviation))")
        print("mean episode length: \(fixed(summary.meanLength, digits: 1))")
        if let threshold = summary.rewardThreshold, let share = summary.shareAtThreshold {
            print("at or above the reward threshold \(fixed(threshold, digits: 0)): \(fixed(100 * share, digits: 0)) %")
        } else {
            print("reward threshold: none registered")
        }
        let endings = EpisodeEnding.allCases.compactMap { e in summary.endings[e].map { "\(e) \($0)" } }
        print("endings: \(endings.joined(separator: ", "))")
    }

    private func fixed(_ x: Double, digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }
}

extension BaselinePolicy: ExpressibleByArgument {}
