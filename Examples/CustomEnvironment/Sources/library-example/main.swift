import Agents
import Environments

// Train CartPole-v1 with A3C from its defaults, on two worker threads, to its reward threshold.
var settings = Hyperparameters.defaults(for: "CartPole-v1")
settings.workers = 2
settings.seed = 42
let result = try Trainer.train(envID: "CartPole-v1", hyperparameters: settings) { print($0.line) }
print(result.summary)
try Checkpoint.save(result.model, to: "cartpole.json")

// Evaluate the saved policy deterministically over 100 seeded episodes.
let saved = try Checkpoint.load(from: "cartpole.json")
let evaluation = try Evaluation.run(saved, episodes: 100, deterministic: true)
print("mean return:", evaluation.mean, "±", evaluation.standardDeviation)

// Continue the run for 200k more steps, with a checkpoint every 10 s and an evaluation every 50k steps.
var more = saved.hyperparameters
more.maxSteps = saved.steps + 200_000
more.targetReturn = .infinity                  // no stop on the return: run the 200k steps
let options = TrainingOptions(checkpointPath: "cartpole.json", saveEvery: 10, evaluateEvery: 50_000)
let continued = try Trainer.train(envID: saved.envID, hyperparameters: more, resumingFrom: saved, options: options) { event in
    switch event {
    case .progress(let report): print(report.line)      // steps continue from saved.steps
    case .evaluation(let report): print(report.line)    // the best model goes to cartpole.best.json
    case .checkpointSaved, .checkpointFailed: break
    }
}
print(continued.summary)

// Act with the policy, one episode of the registered environment (its time limit included).
let policy = try continued.model.makePolicy()
var env = try Registry.make("CartPole-v1")
var observation = env.reset(seed: 7)
var episodeReturn = 0.0
var done = false
while !done {
    let (next, step) = try env.step(try policy.act(observation))
    episodeReturn += step.reward
    observation = next
    done = step.done
}
print("one episode:", episodeReturn)
