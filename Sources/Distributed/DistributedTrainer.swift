import Agents
import Engine
import Environments
import Foundation

/// A3C across processes and machines: rank 0 serves the global parameters, every other rank runs
/// the thread-pool A3C on a local copy and syncs with rank 0 every `syncEvery` local updates.
///
/// Shared through rank 0: the parameters, the observation statistics, the step count, the
/// episode statistics and the stop decision. Per rank: the optimiser statistics (each rank's
/// threads share their rank's RMSProp/Adam moments; rank 0's are those of its own threads).
public enum DistributedTrainer {
    /// What rank 0 hands back: the run's result and the traffic it served.
    public struct Outcome: Sendable {
        public var result: TrainingResult
        public var summary: DistributedSummary
    }

    /// Runs this process's rank of a job started by `mpirun`; returns the outcome on rank 0 and
    /// nil on the others. Every rank must be started with the same arguments, and with
    /// `resumingFrom` the same checkpoint (rank 0's optimiser state seeds every rank's).
    ///
    /// `onStart` (rank 0) receives who takes part, `onProgress` (rank 0) a report every
    /// `progressInterval` seconds, `onEvaluation` (rank 0) each confirming evaluation of the global
    /// parameters (the confirmed stop, as in a single-process run), `onNote` (any rank) lines to print: periodic checkpoints on
    /// rank 0, a worker rank's own failure. A lost rank (nothing heard for
    /// `options.rankTimeout` seconds) makes rank 0 print why to standard error and end the whole
    /// job with `MPI_Abort` (a clean `MPI_Finalize` would wait for the lost rank forever).
    public static func train(envID: String, hyperparameters: Hyperparameters, options: DistributedOptions,
                             resumingFrom model: TrainedModel? = nil, stop: StopSignal = StopSignal(), progressInterval: Double = 2,
                             onStart: (DistributedLayout) -> Void = { _ in },
                             onProgress: (DistributedProgress) -> Void = { _ in },
                             onEvaluation: (EvaluationReport) -> Void = { _ in },
                             onNote: (String) -> Void = { _ in }) throws(DistributedError) -> Outcome? {
        try options.validate()
        guard hyperparameters.algorithm == .a3c else {
            throw .ranks("--distributed runs A3C only, got --algo \(hyperparameters.algorithm.rawValue)")
        }
        do { try hyperparameters.validate() } catch { throw .training(error) }
        let spec: EnvironmentSpec
        do { spec = try Registry.spec(envID) } catch { throw .training(.environment(error)) }
        let world = try MPIWorld()
        defer { world.finalize() }
        let run = Run(world: world, spec: spec, hyperparameters: hyperparameters, options: options, resumed: model, stop: stop,
                      progressInterval: progressInterval)
        do {
            return try run.start(spec.factory, onStart: onStart, onProgress: onProgress, onEvaluation: onEvaluation, onNote: onNote)
        } catch .rankLost(let rank, let seconds) {
            let error = DistributedError.rankLost(rank: rank, seconds: seconds)
            FileHandle.standardError.write(Data("a3c: rank 0: \(error)\n".utf8))
            world.abort(code: 3)
        }
    }
}

/// One rank's part of a run: checks the configuration, then serves (rank 0) or works.
struct Run {
    let world: MPIWorld
    let spec: EnvironmentSpec
    let hyperparameters: Hyperparameters
    let options: DistributedOptions
    /// The checkpoint every rank continues from, if any.
    let resumed: TrainedModel?
    let stop: StopSignal
    let progressInterval: Double

    /// Bytes of a rank's configuration text at most.
    static let configurationSlot = 16384
    static let hostSlot = 256

    func start<F: EnvironmentFactory>(_ factory: F, onStart: (DistributedLayout) -> Void, onProgress: (DistributedProgress) -> Void,
                                      onEvaluation: (EvaluationReport) -> Void,
                                      onNote: (String) -> Void) throws(DistributedError) -> DistributedTrainer.Outcome? {
        guard world.size >= 2 else {
            throw .ranks("--distributed needs at least 2 ranks (mpirun -np N with N ≥ 2), got \(world.size)")
        }
        let h = hyperparameters
        var everyone = h
        everyone.workers = h.workers * world.size
        let setup: Setup
        do { setup = try Setup(spec: spec, probe: factory.make(), hyperparameters: everyone, resumingFrom: resumed) } catch {
            throw .training(error)
        }
        let configuration = RunConfiguration(build: RunConfiguration.buildHash(), envID: spec.id,
                                             parameterCount: setup.initialParameters.count, hyperparameters: h, options: options,
                                             resumed: resumed)
        try check(configuration)
        let hosts = try world.gather(Array(world.processorName.utf8.prefix(Self.hostSlot)), slot: Self.hostSlot)
        let seeds = Array(setup.workerSeeds[(world.rank * h.workers)..<((world.rank + 1) * h.workers)])
        BLAS.setThreads(1)
        if world.rank == 0 {
            let names = hosts.map { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let threads = (0..<world.size).map { $0 == 0 && options.serverOnly ? 0 : h.workers }
            onStart(DistributedLayout(hosts: names, threads: threads, syncEvery: options.syncEvery))
            let server = ParameterServer(factory: factory, run: self, setup: setup, seeds: options.serverOnly ? [] : seeds)
            return try server.serve(onProgress: onProgress, onEvaluation: onEvaluation, onNote: onNote)
        }
        let worker = WorkerRank(factory: factory, run: self, setup: setup, seeds: seeds)
        try worker.work(onNote: onNote)
        return nil
    }

    /// Every rank sends its configuration to rank 0, which compares each with its own and tells all
    /// the first rank that differs; then every rank throws (rank 0 with the differences).
    private func check(_ configuration: RunConfiguration) throws(DistributedError) {
        var mine = configuration.encoded
        if mine.count > Self.configurationSlot { mine = Array(mine.prefix(Self.configurationSlot)) }
        let all = try world.gather(mine, slot: Self.configurationSlot)
        var verdict: [UInt8] = []
        if world.rank == 0 {
            for rank in 1..<world.size {
                let differences = configuration.differences(from: RunConfiguration(decoding: all[rank]))
                guard !differences.isEmpty else { continue }
                let text = ([String(rank)] + differences).joined(separator: "\n")
                verdict = Array(text.utf8.prefix(Self.configurationSlot - 1))
                break
            }
        }
        let received = try world.broadcast(verdict, slot: Self.configurationSlot)
        let lines = String(decoding: received.prefix { $0 != 0 }, as: UTF8.self).split(separator: "\n").map(String.init)
        guard let first = lines.first, let rank = Int(first) else { return }
        if world.rank == 0 || world.rank == rank { throw .mismatch(rank: rank, differences: Array(lines.dropFirst())) }
        throw .mismatchElsewhere
    }

    /// Starts one thread per seed running A3C's worker loop against `shared`; `finished` is left when each ends.
    func startWorkers<F: EnvironmentFactory>(_ factory: F, seeds: [UInt64], architecture: Architecture, shared: SharedOptimizer,
                                      statistics: SharedObservationStatistics?, monitor: TrainingMonitor,
                                      finished: DispatchGroup) {
        for (index, seed) in seeds.enumerated() {
            finished.enter()
            let h = hyperparameters
            let thread = Thread {
                A3C.runWorker(factory, seed: seed, architecture: architecture, hyperparameters: h, shared: shared,
                              statistics: statistics, monitor: monitor)
                finished.leave()
            }
            thread.name = "a3c rank \(world.rank) thread \(index)"
            thread.start()
        }
    }
}

/// Sleeps between polls of MPI when nothing arrived: short against a sync's round trip, long
/// enough that an idle rank 0 costs a few per cent of a core.
@inline(__always) func idle() { usleep(100) }
