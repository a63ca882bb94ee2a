import Engine
import Environments
import SeededRandom

/// What both trainers derive from an environment and the hyperparameters before they start
/// (package-wide: the distributed runner derives the same on every rank).
package struct Setup {
    package let spec: EnvironmentSpec
    package let architecture: Architecture
    package let initialParameters: [Float]
    /// Seeds for the workers (A3C) or environments (A2C) and their action samplers, in order.
    package let workerSeeds: [UInt64]
    package let target: Double?

    package init(spec: EnvironmentSpec, probe: any Environment, hyperparameters h: Hyperparameters) throws(TrainingError) {
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
