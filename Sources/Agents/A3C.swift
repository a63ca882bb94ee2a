import Foundation
import Engine
import Environments
import SeededRandom

/// Asynchronous advantage actor-critic (Mnih et al., 2016).
///
/// `workers` threads each own an environment, a local copy of the network and a rollout buffer.
/// Each loop: pull the global parameters, act for up to `tMax` steps (or to the end of the
/// episode), compute n-step returns (or GAE), backpropagate the actor-critic loss, clip, and push
/// the gradient through the shared optimiser into the global parameters.
public enum A3C {
    /// Trains on `factory`'s environments (specialised on their type), or continues the run saved
    /// in `model`: see `Trainer.train(spec:hyperparameters:resumingFrom:options:stop:onEvent:)`.
    static func train<F: EnvironmentFactory>(
        _ factory: F, spec: EnvironmentSpec, hyperparameters h: Hyperparameters, resumingFrom model: TrainedModel?,
        options: TrainingOptions, stop: StopSignal, onEvent: @escaping (TrainingEvent) -> Void
    ) throws(TrainingError) -> TrainingResult {
        let setup = try Setup(spec: spec, probe: factory.make(), hyperparameters: h, options: options, resumingFrom: model)
        BLAS.setThreads(1)
        let shared = SharedOptimizer(rule: h.optimizer, mode: h.updateMode, initialParameters: setup.initialParameters,
                                     state: setup.optimizerState)
        let observationSize = setup.architecture.observationSize
        let statistics = h.normalizeObservations
            ? SharedObservationStatistics(setup.statistics ?? RunningMeanStd(size: observationSize)) : nil
        let monitor = TrainingMonitor(setup: setup, hyperparameters: h, interrupt: stop, gate: WorkerGate(workers: h.workers))
        let supervisor = TrainingSupervisor(spec: spec, options: options, monitor: monitor, bestEvaluationReturn: setup.progress?.bestEvaluationReturn,
                                            learningRate: h.learningRate(atStep:),
                                            snapshot: {
            let (parameters, state) = shared.snapshot()
            return TrainedModel(envID: spec.id, architecture: setup.architecture, parameters: parameters,
                                observationStatistics: statistics?.snapshot, hyperparameters: h, steps: monitor.totalSteps,
                                progress: monitor.progress(optimizer: state))
        }, onEvent: onEvent)

        let finished = DispatchGroup()
        for seed in setup.workerSeeds {
            finished.enter()
            let architecture = setup.architecture
            let thread = Thread {
                runWorker(factory, seed: seed, architecture: architecture, hyperparameters: h, shared: shared,
                          statistics: statistics, monitor: monitor)
                finished.leave()
            }
            thread.start()
        }
        while finished.wait(timeout: .now() + .milliseconds(10)) == .timedOut {
            _ = monitor.shouldStop
            supervisor.poll()
        }
        let final = supervisor.finish()
        return try TrainingResult(monitor: monitor, final: final, evaluation: supervisor.finalEvaluation)
    }

    /// One worker's loop, from its first reset to the stop signal.
    package static func runWorker<F: EnvironmentFactory>(
        _ factory: F, seed: UInt64, architecture: Architecture, hyperparameters h: Hyperparameters,
        shared: SharedOptimizer, statistics: SharedObservationStatistics?, monitor: TrainingMonitor
    ) {
        defer { monitor.gate?.leave() }
        var rng = Xoshiro256(seed: seed)
        var env = factory.make()
        let network = try! ActorCriticNetwork(architecture: architecture, parameters: shared.parameterArray())
        network.reserve(batch: h.tMax + 1)  // a row per step, and one for V(s_T)
        let observationSize = architecture.observationSize
        let discrete: Bool, actionWidth: Int
        switch architecture.policy {
        case .categorical: (discrete, actionWidth) = (true, 1)
        case .gaussian(let d, _): (discrete, actionWidth) = (false, d)
        }
        let rollout = RolloutBuffer(capacity: h.tMax, observationSize: observationSize, actionWidth: actionWidth)
        let raw = UnsafeMutableBufferPointer<Float>.allocate(capacity: observationSize)
        defer { raw.deallocate() }
        let exploration = GaussianExploration(interval: discrete ? nil : h.stateDependentNoiseInterval,
                                              featureCount: network.policyFeatureCount, actionWidth: actionWidth, environments: 1)
        // A recurrent torso's (h, c): zeroed when an episode starts, carried across rollouts within
        // it; the bootstrap value is computed from a copy, so the carried state advances once per step.
        let recurrent = network.isRecurrent, stateWidth = max(network.stateWidth, 1)
        let state = UnsafeMutablePointer<Float>.allocate(capacity: stateWidth)
        let lookahead = UnsafeMutablePointer<Float>.allocate(capacity: stateWidth)
        state.initialize(repeating: 0, count: stateWidth)
        lookahead.initialize(repeating: 0, count: stateWidth)
        defer { state.deallocate(); lookahead.deallocate() }
        /// V of the observation in row `row`, from the carried state without advancing it.
        func bootstrapValue(_ row: Int) -> Float {
            lookahead.update(from: state, count: stateWidth)
            network.forward(observations: rollout.observation(row), batch: 1, firstRow: row, state: recurrent ? lookahead : nil)
            return network.values[row]
        }
        var localStatistics = RunningMeanStd(size: observationSize)
        var scaler = RunningMeanStd(size: observationSize).scaler
        statistics?.merge(localStatistics, into: &scaler)
        let coefficients = LossCoefficients(value: h.valueCoefficient, entropy: h.entropyCoefficient)

        /// Writes the network's input for the raw observation into `row`; `counting` adds it to the
        /// observation statistics (false for a state the next rollout starts from, which counts it).
        func prepare(_ row: UnsafeMutablePointer<Float>, counting: Bool = true) {
            if statistics != nil {
                if counting { localStatistics.add(raw.baseAddress!) }
                scaler.apply(raw.baseAddress!, into: row)
            } else {
                row.update(from: raw.baseAddress!, count: observationSize)
            }
        }

        env.reset(seed: rng.next(), observation: raw)
        var episodeReturn = 0.0, episodeLength = 0, stepsSoFar = monitor.totalSteps
        while monitor.proceed() {
            shared.copyParameters(into: network.parameters.baseAddress!)

            // Act for up to tMax steps, or to the end of the episode.
            var count = 0, bootstrap: Float = 0, episodeEnded = false
            while count < h.tMax && !episodeEnded {
                let obs = rollout.observation(count), action = rollout.action(count)
                prepare(obs)
                network.forward(observations: obs, batch: 1, firstRow: count, state: recurrent ? state : nil)
                rollout.values[count] = network.values[count]
                let head = network.policyOutput + count * network.policyOutputCount
                let result: StepResult
                do {
                    if discrete {
                        let a = CategoricalPolicy.sample(logits: head, count: network.policyOutputCount, rng: &rng)
                        action[0] = Float(a)
                        result = try env.step(discrete: a, observation: raw)
                    } else {
                        exploration.beginStep(rng: &rng)
                        exploration.sample(environment: 0, mean: head, logStd: network.parameters.baseAddress! + network.logStdOffset!,
                                           count: actionWidth, features: network.policyFeatures(row: count, observation: obs),
                                           rng: &rng, into: action)
                        result = try env.step(continuous: UnsafeBufferPointer(start: action, count: actionWidth), observation: raw)
                    }
                } catch {
                    return monitor.fail(.environment(error))
                }
                guard raw.allSatisfy(\.isFinite) else { return monitor.fail(.nonFiniteObservation(step: stepsSoFar, envID: env.id)) }
                rollout.rewards[count] = h.trainingReward(result.reward)
                episodeReturn += result.reward
                episodeLength += 1
                count += 1
                if result.done {
                    episodeEnded = true
                    if !result.terminated {  // truncated by the time limit: the task goes on, so bootstrap
                        prepare(rollout.observation(count))
                        bootstrap = bootstrapValue(count)
                    }
                    monitor.recordEpisode(return: episodeReturn, length: episodeLength, stepsSoFar: stepsSoFar + count)
                    episodeReturn = 0
                    episodeLength = 0
                    env.reset(seed: nil, observation: raw)
                    state.update(repeating: 0, count: stateWidth)
                }
            }
            if !episodeEnded {  // cut by tMax: bootstrap from V(s_T), the next rollout's first state
                prepare(rollout.observation(count), counting: false)
                bootstrap = bootstrapValue(count)
            }

            // Targets, loss, gradient (through time over the rollout's rows, from the state it began
            // with, for a recurrent torso), shared update.
            if let lambda = h.gaeLambda {
                Returns.gae(rewards: rollout.rewards, values: rollout.values, count: count, bootstrap: bootstrap, gamma: h.gamma,
                            lambda: lambda, returns: rollout.returns, advantages: rollout.advantages)
            } else {
                Returns.nStep(rewards: rollout.rewards, values: rollout.values, count: count, bootstrap: bootstrap, gamma: h.gamma,
                              returns: rollout.returns, advantages: rollout.advantages)
            }
            if h.normalizeAdvantages { Returns.normalize(rollout.advantages, count: count) }
            let loss: LossTerms
            do {
                loss = try network.lossAndGradient(observations: rollout.observations, actions: rollout.actions,
                                                   advantages: rollout.advantages, returns: rollout.returns, batch: count,
                                                   coefficients: coefficients, reusingForward: true)
            } catch {
                return monitor.fail(.nonFiniteLoss(step: stepsSoFar + count, terms: error.terms))
            }
            if let maxNorm = h.maxGradientNorm { GradientClipping.clipGlobalNorm(network.gradients, maxNorm: maxNorm) }
            shared.apply(gradient: network.gradients.baseAddress!, learningRate: h.learningRate(atStep: stepsSoFar))
            stepsSoFar = monitor.recordUpdate(steps: count, loss: loss)
            if let statistics {
                statistics.merge(localStatistics, into: &scaler)
                localStatistics.reset()
            }
        }
    }
}
