import Agents
import Environments

/// A corridor of 6 cells: start at the left end, reach the right one. Action 1 steps right,
/// 0 steps left; each step costs 0.01, arriving pays 1.
struct Corridor: Environment {
    var position = 0

    var observationSpace: BoxSpace { BoxSpace(low: [0], high: [1]) }
    var actionSpace: ActionSpace { .discrete(2) }

    mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) {
        position = 0
        observation[0] = 0
    }

    mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        guard action == 0 || action == 1 else {
            throw .invalidAction(env: id, action: "\(action)", space: actionSpace, reason: "expected 0 (left) or 1 (right)")
        }
        position = min(max(position + (action == 1 ? 1 : -1), 0), 5)
        observation[0] = Float(position) / 5
        return StepResult(reward: position == 5 ? 1 : -0.01, terminated: position == 5)
    }
}

// Register once: from then on everything that takes an id accepts "Corridor-v0".
try Registry.register(EnvironmentSpec(id: "Corridor-v0", maxEpisodeSteps: 50, rewardThreshold: 0.9, make: { Corridor() }))

var settings = Hyperparameters.defaults(for: "Corridor-v0")
settings.seed = 1
let result = try Trainer.train(envID: "Corridor-v0", hyperparameters: settings)
print(result.summary)
try Checkpoint.save(result.model, to: "corridor.json")

// Later, in another process: register again, then load, evaluate and act.
let model = try Checkpoint.load(from: "corridor.json")
let evaluation = try Evaluation.run(model, episodes: 100, deterministic: true)
print("mean return over 100 episodes:", evaluation.mean)

let policy = try model.makePolicy()
var env = try Registry.make("Corridor-v0")
var observation = env.reset(seed: 1)
var done = false
while !done {
    let action = try policy.act(observation)
    let (next, step) = try env.step(action)
    print(action, step.reward)
    observation = next
    done = step.done
}
