import Agents
import CMPI
import Engine
import Environments
import Foundation

/// A worker rank: its threads run A3C against a local copy of the parameters (their own
/// `SharedOptimizer`, so they update it exactly as single-process A3C updates the global one),
/// and its calling thread syncs that copy with rank 0, one sync under way at a time:
///
/// - send: Δ = θ_local − θ_base (the change since the last adoption), and remember θ_sent = θ_local;
/// - on the reply θ_global: θ_local ← θ_local + (θ_global − θ_sent), θ_base ← θ_global.
///
/// So the updates the threads made while the sync was under way are kept and go with the next Δ.
/// The observation statistics travel the same way; the optimiser statistics stay local.
final class WorkerRank<F: EnvironmentFactory> {
    private let factory: F
    private let run: Run
    private let setup: Setup
    private let seeds: [UInt64]
    private let layout: SyncLayout
    private let local: SharedOptimizer
    private let statistics: SharedObservationStatistics?
    private let monitor: TrainingMonitor
    private let request: MessageBuffer
    private let reply: MessageBuffer
    private let base: UnsafeMutableBufferPointer<Float>
    private let sent: UnsafeMutableBufferPointer<Float>
    private let change: UnsafeMutableBufferPointer<Float>
    private var statisticsBase: RunningMeanStd
    private var statisticsSent: RunningMeanStd

    init(factory: F, run: Run, setup: Setup, seeds: [UInt64]) {
        self.factory = factory
        self.run = run
        self.setup = setup
        self.seeds = seeds
        let h = run.hyperparameters
        let count = setup.initialParameters.count, observationSize = setup.architecture.observationSize
        local = SharedOptimizer(rule: h.optimizer, mode: h.updateMode, initialParameters: setup.initialParameters,
                                state: setup.optimizerState)
        let initialStatistics = setup.statistics ?? RunningMeanStd(size: observationSize)
        statistics = h.normalizeObservations ? SharedObservationStatistics(initialStatistics) : nil
        monitor = TrainingMonitor(target: nil, maxSteps: h.maxSteps, maxSeconds: nil, interrupt: StopSignal(), steps: setup.steps)
        layout = SyncLayout(parameterCount: count, statisticsSize: h.normalizeObservations ? observationSize : nil)
        request = MessageBuffer(capacity: layout.requestCapacity)
        reply = MessageBuffer(capacity: layout.replySize)
        base = .allocate(capacity: count)
        _ = base.initialize(from: setup.initialParameters)
        sent = .allocate(capacity: count)
        sent.initialize(repeating: 0)
        change = .allocate(capacity: count)
        change.initialize(repeating: 0)
        statisticsBase = initialStatistics
        statisticsSent = initialStatistics
    }

    deinit {
        base.deallocate()
        sent.deallocate()
        change.deallocate()
    }

    /// Works until rank 0 says stop. A failure of this rank's threads is sent to rank 0 (which
    /// ends the run and reports it) and noted here.
    func work(onNote: (String) -> Void) throws(DistributedError) {
        let world = run.world, options = run.options
        let finished = DispatchGroup()
        run.startWorkers(factory, seeds: seeds, architecture: setup.architecture, shared: local, statistics: statistics,
                         monitor: monitor, finished: finished)
        var sendRequest = MPIWorld.nullRequest, receiveRequest = MPIWorld.nullRequest
        var underWay = false, failureSent = false
        var stepsAtLastSend = setup.steps, updatesAtLastSend = 0, episodesSent = 0
        var lastSync = monitor.seconds
        while true {
            if underWay {
                _ = try world.test(&sendRequest)
                if try world.test(&receiveRequest) {
                    underWay = false
                    let header = layout.readReplyHeader(reply)
                    adopt()
                    monitor.addSteps(header.globalSteps - stepsAtLastSend)
                    stepsAtLastSend = header.globalSteps
                    if let reason = header.stop {
                        monitor.stop(reason)
                        break
                    }
                    continue
                }
            } else {
                let updates = monitor.totalUpdates, now = monitor.seconds
                let stopped = monitor.shouldStop
                if updates - updatesAtLastSend >= options.syncEvery || now - lastSync >= options.heartbeat || stopped {
                    while try !world.test(&sendRequest) { idle() }
                    let failure = failureSent ? nil : monitor.summary.failure.map { "\($0)" }
                    failureSent = failureSent || failure != nil
                    let steps = monitor.totalSteps
                    let episodes = monitor.episodeRecords(from: episodesSent).prefix(SyncLayout.maxEpisodes)
                    episodesSent += episodes.count
                    let count = prepareRequest(steps: steps - stepsAtLastSend, updates: updates - updatesAtLastSend,
                                               episodes: episodes, failure: failure)
                    stepsAtLastSend = steps
                    updatesAtLastSend = updates
                    lastSync = now
                    try world.startReceive(into: reply.bytes, capacity: layout.replySize, from: 0, tag: SyncLayout.replyTag,
                                           request: &receiveRequest)
                    try world.startSend(request.bytes, count: count, to: 0, tag: SyncLayout.requestTag, request: &sendRequest)
                    underWay = true
                    if let failure { onNote("rank \(world.rank): \(failure) (reported to rank 0)") }
                    continue
                }
            }
            idle()
        }
        finished.wait()
        while try !world.test(&sendRequest) { idle() }
    }

    /// Fills the request buffer; returns its length in bytes.
    private func prepareRequest(steps: Int, updates: Int, episodes: ArraySlice<EpisodeRecord>, failure: String?) -> Int {
        local.copyParameters(into: sent.baseAddress!)
        let delta = request.floats(at: layout.requestParameters)
        for i in 0..<sent.count { delta[i] = sent[i] - base[i] }
        if let statistics {
            statisticsSent = statistics.snapshot
            layout.writeStatistics(statisticsSent.removing(statisticsBase), into: request, at: layout.requestStatistics)
        }
        for (i, episode) in episodes.enumerated() {
            layout.writeEpisode(i, return: episode.episodeReturn, length: episode.length, into: request)
        }
        let text = Array((failure ?? "").utf8.prefix(SyncLayout.maxFailureBytes))
        let failureOffset = layout.requestFailure(episodes: episodes.count)
        text.withUnsafeBytes { request.bytes.advanced(by: failureOffset).copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(request.bytes), byteCount: $0.count) }
        layout.writeRequestHeader(SyncRequestHeader(steps: steps, updates: updates, episodeCount: episodes.count,
                                                    failureBytes: text.count, loss: monitor.summary.lastLoss), into: request)
        return failureOffset + text.count
    }

    /// Takes rank 0's parameters and statistics, keeping what this rank learnt since it sent.
    private func adopt() {
        let global = reply.floats(at: layout.replyParameters)
        for i in 0..<change.count {
            change[i] = global[i] - sent[i]
            base[i] = global[i]
        }
        local.add(change.baseAddress!)
        if let statistics, let globalStatistics = layout.readStatistics(from: reply, at: layout.replyStatistics) {
            let sentStatistics = statisticsSent
            statistics.modify { current in
                var merged = globalStatistics
                merged.merge(current.removing(sentStatistics))
                current = merged
            }
            statisticsBase = globalStatistics
        }
    }
}
