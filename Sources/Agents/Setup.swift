import Foundation
import Engine
import Environments
import SeededRandom

/// What both trainers derive from an environment, the hyperparameters and, when resuming, the
/// checkpoint before they start (package-wide: the distributed runner derives the same on every rank).
package struct Setup {
    package let spec: EnvironmentSpec
    package let architecture: Architecture
    package let initialParameters: [Float]
    /// The optimiser's state to continue from (nil: fresh).
    package let optimizerState: OptimizerState?
    /// Observation statistics to continue from (nil: fresh, when normalising).
    package let statistics: RunningMeanStd?
    /// Steps and progress of the earlier sessions (0 and nil for a new run).
    package let steps: Int
    package let progress: TrainingProgress?
    /// Seeds for the workers (A3C) or environments (A2C) and their action samplers, in order.
    package let workerSeeds: [UInt64]
    package let target: Double?

    package init(spec: EnvironmentSpec, probe: any Environment, hyperparameters h: Hyperparameters,
                 options: TrainingOptions = TrainingOptions(), resumingFrom model: TrainedModel? = nil) throws(TrainingError) {
        try h.validate()
        try options.validate()
        self.spec = spec
        architecture = try Self.checkedArchitecture(spec: spec, probe: probe, hyperparameters: h)
        var seeder = SplitMix64(state: h.seed)
        if let model {
            try Self.check(model, fits: architecture, spec: spec, hyperparameters: h)
            initialParameters = model.parameters
            optimizerState = model.progress?.optimizer
            statistics = model.observationStatistics
            steps = model.steps
            progress = model.progress
            // Other episodes and action samples than the first session's, the same for the same checkpoint and seed.
            seeder = SplitMix64(state: h.seed ^ (UInt64(model.steps) &* 0x9E37_79B9_7F4A_7C15))
            _ = seeder.next()
        } else {
            initialParameters = ActorCriticNetwork(architecture: architecture, seed: seeder.next()).parameterArray
            optimizerState = nil
            statistics = nil
            steps = 0
            progress = nil
        }
        workerSeeds = (0..<h.workers).map { _ in seeder.next() }
        target = h.targetReturn ?? spec.rewardThreshold
    }

    /// The network `h` describes for `probe`'s spaces, refused (before anything is allocated) when
    /// it does not fit the observations or this machine's memory.
    package static func checkedArchitecture(spec: EnvironmentSpec, probe: any Environment,
                                            hyperparameters h: Hyperparameters) throws(TrainingError) -> Architecture {
        let policy: PolicyHead
        switch probe.actionSpace {
        case .discrete(let n): policy = .categorical(actions: n)
        case .box(let box): policy = .gaussian(dimensions: box.size, initialLogStd: h.initialLogStd)
        }
        let architecture = h.architecture(observationSize: probe.observationSpace.size,
                                          observationShape: probe.observationSpace.shape, policy: policy)
        let layout: ParameterLayout
        do { layout = try ParameterLayout(architecture) } catch {
            throw .invalidHyperparameter("the network does not fit \(spec.id)'s observations \(BoxSpace.describe(probe.observationSpace.shape)): \(error.description)")
        }
        try checkMemory(layout, hyperparameters: h)
        return architecture
    }

    /// Refuses, before anything is allocated, a run whose networks would not fit in this machine's
    /// memory: the shared parameters and optimiser moments, each network's parameters, gradients
    /// and scratch rows (a network per A3C worker; A2C's one for all environments).
    static func checkMemory(_ layout: ParameterLayout, hyperparameters h: Hyperparameters,
                            available: UInt64 = ProcessInfo.processInfo.physicalMemory) throws(TrainingError) {
        let networks = h.algorithm == .a3c ? h.workers : 1
        let rows = (h.tMax + 1) * (h.algorithm == .a3c ? 1 : h.workers)
        func sum(_ x: Int?, _ y: Int?) -> Int? {
            guard let x, let y else { return nil }
            let (s, over) = x.addingReportingOverflow(y)
            return over ? nil : s
        }
        let product = ParameterLayout.product
        // The shared parameters, their two moments and the initial copy; per network its parameters,
        // gradients and scratch rows.
        let perNetwork = sum(product([2, layout.count]), product([rows, layout.scratchFloatsPerRow]))
        let floats = sum(product([4, layout.count]), perNetwork.flatMap { product([networks, $0]) })
        let bytes = floats.flatMap { product([4, $0]) }
        let gib = { (b: Double) in String(format: "%.1f GiB", b / Double(1 << 30)) }
        guard let bytes, UInt64(bytes) <= available else {
            throw .invalidHyperparameter("the network (\(layout.count) parameters) would need " +
                                         (bytes.map { gib(Double($0)) } ?? "more memory than can be counted") +
                                         " for \(networks) \(networks == 1 ? "network" : "networks") of \(rows) rows; this machine has \(gib(Double(available))): " +
                                         "use smaller layers (--hidden, --torso), fewer workers or a shorter --t-max")
        }
    }

    /// A checkpoint can be continued with `h` when it is of the same environment and network, its
    /// optimiser state is of the same rule, and the step budget is not spent.
    static func check(_ model: TrainedModel, fits architecture: Architecture, spec: EnvironmentSpec,
                      hyperparameters h: Hyperparameters) throws(TrainingError) {
        let modelSpec = try? Registry.spec(model.envID)
        guard modelSpec?.id == spec.id else {
            throw .cannotResume("the checkpoint was trained on \(model.envID), not \(spec.id)")
        }
        guard model.architecture == architecture else {
            throw .cannotResume("the network cannot change: the checkpoint has \(model.architecture.summary), " +
                                "the settings ask for \(architecture.summary)")
        }
        guard (model.observationStatistics != nil) == h.normalizeObservations else {
            throw .cannotResume("observation normalisation cannot change: the checkpoint was trained " +
                                (model.observationStatistics != nil ? "with it" : "without it"))
        }
        if model.progress?.optimizer != nil, model.hyperparameters.optimizer.name != h.optimizer.name {
            throw .cannotResume("the checkpoint's optimizer state is \(model.hyperparameters.optimizer.name)'s; " +
                                "resume with --optimizer \(model.hyperparameters.optimizer.name)")
        }
        if let maxSteps = h.maxSteps, model.steps >= maxSteps {
            throw .cannotResume("the checkpoint has \(model.steps) steps, the budget is \(maxSteps): raise max steps to continue")
        }
    }
}

extension Architecture {
    /// e.g. "4 inputs, hidden [128] silu shared trunk, categorical(actions: 2)"; a torso and a
    /// shaped observation are named too ("(10, 10, 4) inputs, torso conv:16:3, …").
    public var summary: String {
        let inputs = observationShape.count > 1 ? BoxSpace.describe(observationShape) : "\(observationSize)"
        let torsoText = torso.isEmpty ? "" : "torso " + torso.map(\.description).joined(separator: ",") + ", "
        return "\(inputs) inputs, \(torsoText)hidden \(hidden) \(activation.rawValue) \(sharedTrunk ? "shared trunk" : "separate actor and critic"), \(policy)"
    }
}

extension OptimizerRule {
    /// The rule's name as the command line spells it.
    public var name: String {
        switch self {
        case .adam: "adam"
        case .rmsprop: "rmsprop"
        case .sgd: "sgd"
        }
    }
}
