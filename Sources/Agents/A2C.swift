import Foundation
import Engine
import Environments
import SeededRandom

/// Synchronous advantage actor-critic: the baseline A3C is compared with.
///
/// `workers` environments step in lockstep, in shards on `options.environmentThreads` threads
/// (`EnvironmentShards`; the results do not depend on the thread count); each step is one batched
/// forward for all of them, and every `tMax` steps one batched update on the whole
/// `[tMax × workers]` rollout. Same losses, targets and options as A3C.
public enum A2C {
    /// Trains on `factory`'s environments (specialised on their type), or continues the run saved
    /// in `model`: see `Trainer.train(spec:hyperparameters:resumingFrom:options:stop:onEvent:)`.
    static func train<F: EnvironmentFactory>(
        _ factory: F, spec: EnvironmentSpec, hyperparameters h: Hyperparameters, resumingFrom model: TrainedModel?,
        options: TrainingOptions, stop: StopSignal, onEvent: @escaping (TrainingEvent) -> Void
    ) throws(TrainingError) -> TrainingResult {
        let setup = try Setup(spec: spec, probe: factory.make(), hyperparameters: h, options: options, resumingFrom: model)
        BLAS.setThreads(1)
        let n = h.workers, steps = h.tMax
        let architecture = setup.architecture, observationSize = architecture.observationSize
        let parameters = SharedOptimizer(rule: h.optimizer, mode: .locked, initialParameters: setup.initialParameters,
                                         state: setup.optimizerState)
        let network = try! ActorCriticNetwork(architecture: architecture, parameters: setup.initialParameters)
        network.reserve(batch: n * steps + 1)  // row n holds V(s_final) of a truncated episode
        let statistics = h.normalizeObservations
            ? SharedObservationStatistics(setup.statistics ?? RunningMeanStd(size: observationSize)) : nil
        let monitor = TrainingMonitor(setup: setup, hyperparameters: h, interrupt: stop)
        let supervisor = TrainingSupervisor(spec: spec, options: options, monitor: monitor, bestEvaluationReturn: setup.progress?.bestEvaluationReturn,
                                            learningRate: h.learningRate(atStep:),
                                            snapshot: {
            let (values, state) = parameters.snapshot()
            return TrainedModel(envID: spec.id, architecture: architecture, parameters: values,
                                observationStatistics: statistics?.snapshot, hyperparameters: h, steps: monitor.totalSteps,
                                progress: monitor.progress(optimizer: state))
        }, onEvent: onEvent)
        let coefficients = LossCoefficients(value: h.valueCoefficient, entropy: h.entropyCoefficient)
        var rng = Xoshiro256(seed: setup.workerSeeds[0])
        let envs = EnvironmentShards(count: n, seed: rng.next(),
                                     threads: options.environmentThreads ?? ProcessInfo.processInfo.activeProcessorCount,
                                     make: factory.make)
        defer { envs.shutdown() }
        let discrete = envs.isDiscrete
        let actionWidth = architecture.policy.actionWidth
        let exploration = GaussianExploration(interval: discrete ? nil : h.stateDependentNoiseInterval,
                                              featureCount: network.policyFeatureCount, actionWidth: actionWidth, environments: n)

        // Time-major rollout: row t·n + i is environment i at step t; observation row steps·n + i is s_T.
        let rollout = RolloutBuffer(capacity: steps * n, observationSize: observationSize, actionWidth: actionWidth)
        let rolloutObservations = UnsafeMutablePointer<Float>.allocate(capacity: (steps + 1) * n * observationSize)
        let episodeEnds = UnsafeMutablePointer<Bool>.allocate(capacity: steps * n)
        let discreteActions = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        defer { rolloutObservations.deallocate(); episodeEnds.deallocate(); discreteActions.deallocate() }
        var localStatistics = RunningMeanStd(size: observationSize)
        var scaler = localStatistics.scaler
        let finalInput = UnsafeMutablePointer<Float>.allocate(capacity: observationSize)
        defer { finalInput.deallocate() }
        // A recurrent torso: one state row per environment, zeroed when its episode ends; the update
        // runs the window again from the rollout's first state, with each reset marked in `starts`.
        let recurrent = network.isRecurrent, width = network.stateWidth
        let state = UnsafeMutablePointer<Float>.allocate(capacity: max(n * width, 1))
        let rolloutStart = UnsafeMutablePointer<Float>.allocate(capacity: max(n * width, 1))
        let lookahead = UnsafeMutablePointer<Float>.allocate(capacity: max(n * width, 1))
        let starts = UnsafeMutablePointer<Float>.allocate(capacity: steps * n)
        for buffer in [state, rolloutStart, lookahead] { buffer.initialize(repeating: 0, count: max(n * width, 1)) }
        starts.initialize(repeating: 0, count: steps * n)
        defer { state.deallocate(); rolloutStart.deallocate(); lookahead.deallocate(); starts.deallocate() }

        /// Normalises (or copies) the batch's current observations into rollout row block `t`.
        func prepare(_ t: Int) {
            let block = rolloutObservations + t * n * observationSize
            envs.forEach { i, batch, local in
                batch.observations.withUnsafeBufferPointer { raw in
                    let source = raw.baseAddress! + local * observationSize, row = block + i * observationSize
                    if statistics != nil { localStatistics.add(source); scaler.apply(source, into: row) }
                    else { row.update(from: source, count: observationSize) }
                }
            }
        }

        var stepsSoFar = monitor.totalSteps
        prepare(0)
        while !monitor.shouldStop {
            if recurrent {
                rolloutStart.update(from: state, count: n * width)
                starts.update(repeating: 0, count: steps * n)
            }
            for t in 0..<steps {
                let obs = rolloutObservations + t * n * observationSize
                network.forward(observations: obs, batch: n, sequences: n, state: recurrent ? state : nil)
                let head = network.policyOutput, k = network.policyOutputCount
                exploration.beginStep(rng: &rng)
                for i in 0..<n {
                    let row = t * n + i
                    rollout.values[row] = network.values[i]
                    if discrete {
                        let a = CategoricalPolicy.sample(logits: head + i * k, count: k, rng: &rng)
                        rollout.action(row)[0] = Float(a)
                        discreteActions[i] = Int32(a)
                    } else {
                        exploration.sample(environment: i, mean: head + i * k, logStd: network.parameters.baseAddress! + network.logStdOffset!,
                                           count: k, features: network.policyFeatures(row: i, observation: obs + i * observationSize),
                                           rng: &rng, into: rollout.action(row))
                    }
                }
                do {
                    if discrete { try envs.step(discrete: discreteActions) }
                    else { try envs.step(continuous: rollout.action(t * n)) }
                } catch {
                    throw .environment(error)
                }
                envs.forEach { i, batch, local in
                    let row = t * n + i
                    var reward = h.trainingReward(batch.rewards[local])
                    let terminated = batch.terminated[local], truncated = batch.truncated[local]
                    episodeEnds[row] = terminated || truncated
                    if truncated && !terminated {  // the task goes on: fold γ·V(s_final) into the last reward
                        batch.finalObservations.withUnsafeBufferPointer { final in
                            let source = final.baseAddress! + local * observationSize
                            if statistics != nil { scaler.apply(source, into: finalInput) }
                            else { finalInput.update(from: source, count: observationSize) }
                        }
                        lookahead.update(from: state + i * width, count: width)
                        network.forward(observations: finalInput, batch: 1, firstRow: n, state: recurrent ? lookahead : nil)
                        reward += h.gamma * network.values[n]
                    }
                    rollout.rewards[row] = reward
                    if terminated || truncated {
                        if recurrent {
                            (state + i * width).update(repeating: 0, count: width)
                            if t + 1 < steps { starts[(t + 1) * n + i] = 1 }
                        }
                        monitor.recordEpisode(return: batch.episodeReturns[local], length: batch.episodeLengths[local],
                                              stepsSoFar: stepsSoFar + (t + 1) * n)
                    }
                }
                prepare(t + 1)
                let next = rolloutObservations + (t + 1) * n * observationSize
                guard (0..<(n * observationSize)).allSatisfy({ next[$0].isFinite }) else {
                    throw .nonFiniteObservation(step: stepsSoFar + (t + 1) * n, envID: spec.id)
                }
            }

            // Bootstrap from V(s_T), targets per environment, one batched update.
            lookahead.update(from: state, count: n * width)
            network.forward(observations: rolloutObservations + steps * n * observationSize, batch: n, sequences: n,
                            state: recurrent ? lookahead : nil)
            for i in 0..<n {
                let bootstrap = network.values[i]
                if let lambda = h.gaeLambda {
                    Returns.gae(rewards: rollout.rewards + i, values: rollout.values + i, count: steps, stride: n,
                                episodeEnds: episodeEnds + i, bootstrap: bootstrap, gamma: h.gamma, lambda: lambda,
                                returns: rollout.returns + i, advantages: rollout.advantages + i)
                } else {
                    Returns.nStep(rewards: rollout.rewards + i, values: rollout.values + i, count: steps, stride: n,
                                  episodeEnds: episodeEnds + i, bootstrap: bootstrap, gamma: h.gamma,
                                  returns: rollout.returns + i, advantages: rollout.advantages + i)
                }
            }
            if h.normalizeAdvantages { Returns.normalize(rollout.advantages, count: steps * n) }
            let loss: LossTerms
            do {
                loss = try network.lossAndGradient(observations: rolloutObservations, actions: rollout.actions,
                                                   advantages: rollout.advantages, returns: rollout.returns,
                                                   batch: steps * n, coefficients: coefficients, sequences: n,
                                                   state: recurrent ? rolloutStart : nil, episodeStarts: recurrent ? starts : nil)
            } catch {
                throw .nonFiniteLoss(step: stepsSoFar + steps * n, terms: error.terms)
            }
            if let maxNorm = h.maxGradientNorm { GradientClipping.clipGlobalNorm(network.gradients, maxNorm: maxNorm) }
            parameters.apply(gradient: network.gradients.baseAddress!, learningRate: h.learningRate(atStep: stepsSoFar))
            parameters.copyParameters(into: network.parameters.baseAddress!)
            stepsSoFar = monitor.recordUpdate(steps: steps * n, loss: loss)
            if let statistics {
                statistics.merge(localStatistics, into: &scaler)
                localStatistics.reset()
            }
            // The last observations start the next rollout.
            rolloutObservations.update(from: rolloutObservations + steps * n * observationSize, count: n * observationSize)
            supervisor.poll()
        }
        let final = supervisor.finish()
        return try TrainingResult(monitor: monitor, final: final, evaluation: supervisor.finalEvaluation)
    }
}
