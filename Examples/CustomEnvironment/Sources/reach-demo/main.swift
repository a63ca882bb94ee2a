import Agents
import Environments
import Foundation
import PointReach

/// `reach-demo train CKPT`: A3C on PointReach-v0 to its threshold, saved to CKPT.
/// `reach-demo deploy CKPT`: in a fresh process, load CKPT, evaluate it, and act with it.
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, let command = arguments.first, ["train", "deploy"].contains(command) else {
    FileHandle.standardError.write(Data("usage: reach-demo train|deploy CHECKPOINT\n".utf8))
    exit(2)
}
let path = arguments.last!

do {
    try Registry.register(PointReach.spec)
    if command == "train" {
        var settings = Hyperparameters.defaults(for: PointReach.spec.id)
        settings.workers = 1  // one worker and a seed: the same run every time
        settings.seed = 3
        settings.maxSteps = 3_000_000
        let result = try Trainer.train(envID: PointReach.spec.id, hyperparameters: settings) { print($0.line) }
        print(result.summary)
        guard result.stopReason == .solved else {
            print("PointReach-v0 was not solved within the budget")
            exit(1)
        }
        try Checkpoint.save(result.model, to: path)
        print("saved \(path)")
    } else {
        let model = try Checkpoint.load(from: path)
        let evaluation = try Evaluation.run(model, episodes: 100, deterministic: true, seed: 1)
        print(String(format: "evaluation: %d episodes, return %.2f ± %.2f, mean length %.1f",
                     evaluation.returns.count, evaluation.mean, evaluation.standardDeviation, evaluation.meanLength))
        guard evaluation.mean >= PointReach.spec.rewardThreshold! else {
            print("below the threshold \(PointReach.spec.rewardThreshold!)")
            exit(1)
        }

        // What an application embeds: a policy that maps an observation to an action.
        let policy = try model.makePolicy()
        var env = PointReach.spec.make()
        var observation = env.reset(seed: 2024)
        var total = 0.0, steps = 0
        while true {
            let (next, step) = try env.step(try policy.act(observation))
            total += step.reward
            steps += 1
            observation = next
            if step.done { break }
        }
        print(String(format: "one episode with the deployed policy: %d steps, return %.2f", steps, total))
    }
} catch {
    FileHandle.standardError.write(Data("reach-demo: \(error)\n".utf8))
    exit(1)
}
