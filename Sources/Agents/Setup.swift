import Engine
import Environments
import SeededRandom

/// What both trainers derive from an environment and the hyperparameters before they start.
struct Setup {
    let spec: EnvironmentSpec
    let architecture: Architecture
    let initialParameters: [Float]
    /// Seeds for the workers (A3C) or environments (A2C) and their action samplers, in order.
    let workerSeeds: [UInt64]
    let target: Double?

    init(spec: EnvironmentSpec, probe: any Environment, hyperparameters h: Hyperparameters) throws(TrainingError) {
        try h.validate()
        self.spec = spec
        let policy: PolicyHead
        switch probe.actionSpace {
        case .discrete(let n): policy = .categorical(actions: n)
        case .box(let box): policy = .gaussian(dimensions: box.size, initialLogStd: h.initialLogStd)
        }
        architecture = h.architecture(observationSize: probe.observationSpace.size, policy: policy)
        var seeder = SplitMix64(state: h.seed)
        initialParameters = ActorCriticNetwork(architecture: architecture, seed: seeder.next()).parameterArray
        workerSeeds = (0..<h.workers).map { _ in seeder.next() }
        target = h.targetReturn ?? spec.rewardThreshold
    }
}
