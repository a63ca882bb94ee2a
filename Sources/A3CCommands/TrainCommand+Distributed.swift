import ArgumentParser
import Distributed
import Foundation
import Agents
import TensorBoard

/// `a3c train ... --distributed`: the options of an MPI run.
struct DistributedFlags: ParsableArguments {
    @Flag(help: "Run as one rank of an MPI job: `mpirun -np N a3c train ENV --distributed ...` (N ≥ 2); rank 0 serves the parameters, prints and saves.")
    var distributed = false
    @Option(name: .customLong("sync-every"), help: "Local updates of a worker rank between syncs with rank 0.")
    var syncEvery: Int = DistributedOptions().syncEvery
    @Flag(name: .customLong("server-only"), help: "Rank 0 only serves the parameters (no worker threads of its own).")
    var serverOnly = false
    @Option(name: .customLong("rank-timeout"), help: "Seconds without a sync after which rank 0 ends the job.")
    var rankTimeout: Double = DistributedOptions().rankTimeout

    func validate() throws {
        let uses = [("--sync-every", syncEvery != DistributedOptions().syncEvery), ("--server-only", serverOnly),
                    ("--rank-timeout", rankTimeout != DistributedOptions().rankTimeout)]
        if !distributed, let (name, _) = uses.first(where: \.1) { throw ValidationError("\(name) needs --distributed") }
        if syncEvery < 1 { throw ValidationError("--sync-every must be at least 1, got \(syncEvery)") }
        do { try options(save: nil, saveEvery: nil).validate() } catch { throw ValidationError(error.description) }
    }

    /// With `--save` and `--save-every` (the train command's), rank 0 saves the checkpoint periodically.
    func options(save: String?, saveEvery: Double?) -> DistributedOptions {
        DistributedOptions(syncEvery: syncEvery, serverOnly: serverOnly, rankTimeout: rankTimeout,
                           checkpointPath: saveEvery == nil ? nil : save, checkpointInterval: saveEvery)
    }
}

extension TrainCommand {
    /// One rank of a distributed run: rank 0 prints, logs (CSV, TensorBoard) and saves; the others print only their own failures.
    func runDistributed(_ h: Hyperparameters, envID env: String, resuming model: TrainedModel?) throws {
        if evalEvery != nil { throw ValidationError("--eval-every does not work with --distributed") }
        if let save { try Checkpoint.checkWritable(save) }  // on every rank: rank 0 writes it, and any rank may be rank 0
        // No SignalHandler here: mpirun turns Ctrl-C into SIGTERM for every rank and follows it with SIGKILL,
        // so rank 0 answers SIGTERM itself by naming the intact checkpoint (Distributed's TerminationNotice).
        let stop = StopSignal()
        var logFile: CSVLog?
        var events: TensorBoardLog?
        let outcome: DistributedTrainer.Outcome?
        do {
            outcome = try DistributedTrainer.train(
                envID: env, hyperparameters: h, options: distribution.options(save: save, saveEvery: saveEvery),
                resumingFrom: model, stop: stop,
                progressInterval: progressInterval,
                onStart: { layout in
                    if let model, let resume { print("resuming \(resume) at \(model.steps) steps") }
                    print("training \(env) with distributed A3C over \(layout.description), seed \(h.seed); " +
                          "target mean100 ≥ \(h.targetReturn.map { "\($0)" } ?? "the env's threshold")")
                    fflush(nil)
                    do {
                        logFile = try log.map { try CSVLog(path: $0, appending: model != nil) }
                        events = try tensorboard.map { directory throws(TensorBoardError) in try TensorBoardLog(directory: directory) }
                    } catch {
                        print("a3c: \(error); stopping")
                        stop.request()
                    }
                },
                onProgress: { progress in
                    print(progress.line)
                    fflush(nil)
                    logFile?.append(progress.report)
                    events?.record(progress.report)
                },
                onEvaluation: { evaluation in
                    print(evaluation.line)
                    fflush(nil)
                },
                onNote: { note in
                    print(note)
                    fflush(nil)
                })
        } catch {
            if let save { print("checkpoint \(save) left as it was") }
            throw ValidationErrorMessage(error.description)
        }
        guard let outcome else { return }
        logFile?.append(outcome.result.finalReport)
        events?.record(outcome.result.finalReport)
        print(outcome.result.summary)
        print(outcome.summary.line)
        if let events { print("TensorBoard events in \(events.path)") }
        if let save {
            try Checkpoint.save(outcome.result.model, to: save)
            print("saved checkpoint to \(save)")
        }
    }
}
