import Agents
import CMPI
import Engine
import Environments
import Foundation

/// Rank 0: owns the global parameters (a `SharedOptimizer` that its own threads, if any, update
/// directly; a worker rank's change is added divided by the number of worker ranks), the observation statistics, the run's monitor (steps, episodes, stop decision) and
/// the checkpoints. It answers each worker rank's sync as it arrives and never waits for any one
/// rank; all MPI calls happen on the calling thread (`MPI_THREAD_FUNNELED`).
final class ParameterServer<F: EnvironmentFactory> {
    private let factory: F
    private let run: Run
    private let setup: Setup
    private let seeds: [UInt64]
    private let layout: SyncLayout
    private let global: SharedOptimizer
    private let statistics: SharedObservationStatistics?
    private let monitor: TrainingMonitor
    private let request: MessageBuffer
    private let replies: [MessageBuffer]
    private var sends: [MPI_Request?]
    private var lastHeard: [Double]
    private var stopSent: [Bool]
    private var rankSteps: [Int]
    private var rankSyncs: [Int]
    private var bytesIn = 0, bytesOut = 0, syncs = 0
    private var remoteFailure: (rank: Int, message: String)?
    /// 1 / (worker ranks): each rank's change counts as its share of an average (asynchronous model
    /// averaging). Summed, the ranks' changes, each made against parameters a sync old, overshoot:
    /// CartPole solved 2 of 5 seeds with sums and 4 of 5 with averages (docs/distributed.md#how-large-can-k-be).
    private let deltaScale: Float

    init(factory: F, run: Run, setup: Setup, seeds: [UInt64]) {
        self.factory = factory
        self.run = run
        self.setup = setup
        self.seeds = seeds
        let h = run.hyperparameters, size = run.world.size
        global = SharedOptimizer(rule: h.optimizer, mode: h.updateMode, initialParameters: setup.initialParameters,
                                 state: setup.optimizerState)
        let observationSize = setup.architecture.observationSize
        statistics = h.normalizeObservations
            ? SharedObservationStatistics(setup.statistics ?? RunningMeanStd(size: observationSize)) : nil
        monitor = TrainingMonitor(setup: setup, hyperparameters: h, interrupt: run.stop, gate: WorkerGate(workers: seeds.count))
        layout = SyncLayout(parameterCount: setup.initialParameters.count, statisticsSize: h.normalizeObservations ? observationSize : nil)
        request = MessageBuffer(capacity: layout.requestCapacity)
        let replySize = layout.replySize
        replies = (0..<size).map { _ in MessageBuffer(capacity: replySize) }
        sends = Array(repeating: MPIWorld.nullRequest, count: size)
        lastHeard = Array(repeating: 0, count: size)
        stopSent = (0..<size).map { $0 == 0 }
        deltaScale = 1 / Float(size - 1)
        rankSteps = Array(repeating: 0, count: size)
        rankSyncs = Array(repeating: 0, count: size)
    }

    /// Serves until the run stops and every worker rank has been told; returns the result.
    ///
    /// A confirming evaluation (the mean100 reached the target, or `confirmationInterval` steps
    /// passed) runs here, on the global parameters, with rank 0's own threads held: no sync is
    /// answered meanwhile, so the model evaluated is the one the run stops with. The worker ranks
    /// go on training their local copies; their syncs wait, and the pause does not count against
    /// `rankTimeout`.
    func serve(onProgress: (DistributedProgress) -> Void, onEvaluation: (EvaluationReport) -> Void,
               onNote: (String) -> Void) throws(DistributedError) -> DistributedTrainer.Outcome {
        let world = run.world, options = run.options
        var evaluations: [EvaluationReport] = []
        let supervisor = TrainingSupervisor(spec: setup.spec, options: TrainingOptions(), monitor: monitor,
                                            bestEvaluationReturn: setup.progress?.bestEvaluationReturn,
                                            learningRate: run.hyperparameters.learningRate(atStep:), snapshot: model) { event in
            if case .evaluation(let report) = event { evaluations.append(report) }
        }
        func reportEvaluations() {
            evaluations.forEach(onEvaluation)
            evaluations.removeAll()
        }
        let finished = DispatchGroup()
        run.startWorkers(factory, seeds: seeds, architecture: setup.architecture, shared: global, statistics: statistics,
                         monitor: monitor, finished: finished)
        var previous: (report: ProgressReport, steps: [Int], syncs: [Int], bytesIn: Int, bytesOut: Int)?
        var lastCheckpoint = 0.0
        let notice = TerminationNotice()
        defer { withExtendedLifetime(notice) {} }
        for r in lastHeard.indices { lastHeard[r] = monitor.seconds }
        while true {
            var busy = false
            while let (source, count) = try world.probe(tag: SyncLayout.requestTag) {
                busy = true
                guard count <= request.capacity else {
                    throw .mpi(call: "sync", message: "rank \(source) sent \(count) bytes, more than a sync holds (\(request.capacity))")
                }
                try world.receive(into: request.bytes, count: count, from: source, tag: SyncLayout.requestTag)
                try handle(from: source, count: count)
            }
            let pausedAt = monitor.seconds
            if supervisor.confirmIfAsked() {
                let paused = monitor.seconds - pausedAt
                for r in lastHeard.indices { lastHeard[r] += paused }
                reportEvaluations()
            }
            let stopping = monitor.shouldStop
            let now = monitor.seconds
            if now >= (previous?.report.seconds ?? 0) + run.progressInterval {
                let report = monitor.report(previous: previous?.report)
                let elapsed = max(report.seconds - (previous?.report.seconds ?? 0), 1e-9)
                let ranks = (1..<world.size).map { r in
                    RankActivity(rank: r, stepsPerSecond: Double(rankSteps[r] - (previous?.steps[r] ?? 0)) / elapsed,
                                 syncsPerSecond: Double(rankSyncs[r] - (previous?.syncs[r] ?? 0)) / elapsed)
                }
                let ownSteps = report.steps - rankSteps.reduce(0, +) - ((previous?.report.steps ?? 0) - (previous?.steps.reduce(0, +) ?? 0))
                onProgress(DistributedProgress(report: report, serverStepsPerSecond: Double(ownSteps) / elapsed, ranks: ranks,
                                               bytesInPerSecond: Double(bytesIn - (previous?.bytesIn ?? 0)) / elapsed,
                                               bytesOutPerSecond: Double(bytesOut - (previous?.bytesOut ?? 0)) / elapsed))
                previous = (report, rankSteps, rankSyncs, bytesIn, bytesOut)
            }
            if let path = options.checkpointPath, let interval = options.checkpointInterval, now >= lastCheckpoint + interval, !stopping {
                lastCheckpoint = now
                let steps = monitor.totalSteps
                do {
                    try Checkpoint.save(model(), to: path)
                    notice.checkpointSaved(path: path, steps: steps)
                    onNote(String(format: "checkpoint %@ saved at step %d (%.1f s)", path, steps, now))
                } catch {
                    onNote("checkpoint \(path) not saved (the previous one is kept): \(error)")
                }
            }
            if stopping, !stopSent.contains(false), finished.wait(timeout: .now()) == .success { break }
            for r in 1..<world.size where !stopSent[r] && now - lastHeard[r] > options.rankTimeout {
                throw .rankLost(rank: r, seconds: now - lastHeard[r])
            }
            if !busy { idle() }
        }
        let deadline = monitor.seconds + options.rankTimeout
        for r in sends.indices {
            while try !world.test(&sends[r]) {
                guard monitor.seconds < deadline else { throw .rankLost(rank: r, seconds: options.rankTimeout) }
                idle()
            }
        }
        if let remoteFailure { throw .rankFailed(rank: remoteFailure.rank, message: remoteFailure.message) }
        let final = supervisor.finish()
        reportEvaluations()
        let result: TrainingResult
        do { result = try TrainingResult(monitor: monitor, final: final, evaluation: supervisor.finalEvaluation) } catch {
            throw .training(error)
        }
        return DistributedTrainer.Outcome(result: result, summary: DistributedSummary(syncs: syncs, bytesIn: bytesIn,
                                                                                     bytesOut: bytesOut, seconds: result.seconds))
    }

    /// Folds one worker rank's sync into the global state and answers it.
    private func handle(from source: Int, count: Int) throws(DistributedError) {
        guard source > 0, source < run.world.size, let header = layout.readRequestHeader(request, count: count) else {
            throw .mpi(call: "sync", message: "rank \(source) sent a malformed sync message of \(count) bytes")
        }
        lastHeard[source] = monitor.seconds
        bytesIn += count
        syncs += 1
        rankSyncs[source] += 1
        rankSteps[source] += header.steps
        let delta = request.floats(at: layout.requestParameters)
        if deltaScale != 1 { for i in 0..<layout.parameterCount { delta[i] *= deltaScale } }
        global.add(delta)
        if let statistics, let delta = layout.readStatistics(from: request, at: layout.requestStatistics) {
            statistics.modify { $0.merge(delta) }
        }
        monitor.recordRemote(steps: header.steps, updates: header.updates, loss: header.loss)
        for i in 0..<header.episodeCount {
            let episode = layout.readEpisode(i, from: request)
            monitor.recordEpisode(return: episode.episodeReturn, length: episode.length, stepsSoFar: monitor.totalSteps)
        }
        if header.failureBytes > 0 {
            let start = request.bytes.assumingMemoryBound(to: UInt8.self) + layout.requestFailure(episodes: header.episodeCount)
            let text = String(decoding: UnsafeBufferPointer(start: start, count: header.failureBytes), as: UTF8.self)
            if remoteFailure == nil { remoteFailure = (source, text) }
            monitor.stop(.failed)
        }

        let world = run.world
        while try !world.test(&sends[source]) { idle() }  // the rank has the previous reply, so this is done
        let reply = replies[source]
        let stop: StopReason? = monitor.shouldStop ? (monitor.summary.stopReason ?? .interrupted) : nil
        layout.writeReplyHeader(SyncReplyHeader(stop: stop, globalSteps: monitor.totalSteps), into: reply)
        global.copyParameters(into: reply.floats(at: layout.replyParameters))
        if let statistics { layout.writeStatistics(statistics.snapshot, into: reply, at: layout.replyStatistics) }
        try world.startSend(reply.bytes, count: layout.replySize, to: source, tag: SyncLayout.replyTag, request: &sends[source])
        bytesOut += layout.replySize
        if stop != nil { stopSent[source] = true }
    }

    /// The global model with rank 0's optimiser state and the run's counters: what a checkpoint holds
    /// and `--resume` continues from.
    private func model() -> TrainedModel {
        let (parameters, state) = global.snapshot()
        return TrainedModel(envID: setup.spec.id, architecture: setup.architecture, parameters: parameters,
                            observationStatistics: statistics?.snapshot, hyperparameters: run.hyperparameters,
                            steps: monitor.totalSteps, progress: monitor.progress(optimizer: state))
    }
}
