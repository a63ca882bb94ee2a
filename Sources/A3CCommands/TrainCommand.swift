import ArgumentParser
import Foundation
import Agents
import Engine
import Environments

/// `a3c train ENV` or `a3c train --resume CKPT`: trains an agent, or continues a saved run, and
/// optionally saves checkpoints and a CSV log.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an actor-critic agent on a registered environment, or continue a saved run.",
        discussion: """
            Unset options take the environment's documented defaults (Hyperparameters.defaults(for:algorithm:)), \
            or with --resume the checkpoint's hyperparameters.
            Exit status: 0 solved or budget (--max-steps/--max-seconds) reached, checkpoint saved; \
            130 (SIGINT) or 143 (SIGTERM): stopped by the signal after a clean save; \
            2: aborted by a second signal, nothing saved; 1: an error (bad checkpoint, unwritable path, failed training); \
            64: invalid options.
            """)

    @Argument(help: "Environment id, e.g. CartPole-v1 (see `a3c envs`); optional with --resume.")
    var env: String?

    @Option(help: "Continue the run saved in this checkpoint (its hyperparameters, overridden by the options given).")
    var resume: String?

    @Option(help: "Algorithm: a3c or a2c.")
    var algo: Algorithm?
    @Option(help: "A3C worker threads, or A2C environments (default: the number of cores).")
    var workers: Int?
    @Option(name: .customLong("t-max"), help: "Steps per rollout before each update.")
    var tMax: Int?
    @Option(help: "Discount factor γ in (0, 1].")
    var gamma: Float?
    @Option(help: "Learning rate.")
    var lr: Float?
    @Option(name: .customLong("lr-schedule"), help: "Learning-rate schedule: constant or linear (to 0 at --max-steps).")
    var lrSchedule: LearningRateSchedule?
    @Option(name: .customLong("reward-scale"), help: "Multiply rewards by this before computing returns.")
    var rewardScale: Float?
    @Option(name: .customLong("entropy-coef"), help: "Entropy bonus coefficient.")
    var entropyCoef: Float?
    @Option(name: .customLong("value-coef"), help: "Value loss coefficient.")
    var valueCoef: Float?
    @Option(name: .customLong("max-grad-norm"), help: "Global gradient-norm clip (0 disables clipping).")
    var maxGradNorm: Float?
    @Option(name: .customLong("gae-lambda"), help: "Use GAE(λ) with this λ in [0, 1] instead of n-step returns.")
    var gaeLambda: Float?
    @Option(help: "Hidden layer widths, comma-separated, e.g. 128 or 64,64.")
    var hidden: String?
    @Option(help: "Hidden activation: silu, tanh or relu.")
    var activation: Activation?
    @Option(help: "Separate actor and critic networks instead of the seed's shared trunk.")
    var separate: Bool?
    @Option(help: "Optimizer: adam or rmsprop.")
    var optimizer: OptimizerChoice?
    @Option(help: "The optimizer's ε (Adam: added to √v; RMSProp: inside the square root).")
    var epsilon: Float?
    @Option(name: .customLong("update-mode"), help: "Shared update: hogwild (lock-free) or locked.")
    var updateMode: UpdateMode?
    @Flag(name: .customLong("normalize-observations"), inversion: .prefixedNo, help: "Normalise observations by running statistics.")
    var normalizeObservations: Bool?
    @Flag(name: .customLong("normalize-advantages"), inversion: .prefixedNo, help: "Normalise advantages within each update.")
    var normalizeAdvantages: Bool?
    @Option(help: "Stop when the mean return of the last 100 episodes reaches this (default: the env's threshold).")
    var target: Double?
    @Option(name: .customLong("max-steps"), help: "Stop after this many environment steps.")
    var maxSteps: Int?
    @Option(name: .customLong("max-seconds"), help: "Stop after this many seconds.")
    var maxSeconds: Double?
    @Option(help: "Random seed.")
    var seed: UInt64?
    @Option(help: "Write a checkpoint here at the end (atomically); resumable with --resume.")
    var save: String?
    @Option(name: .customLong("save-every"), help: "Also write the --save checkpoint every this many seconds while training.")
    var saveEvery: Double?
    @Option(name: .customLong("eval-every"),
            help: "Evaluate deterministically on separate environments every this many env steps; the best model goes to NAME.best.json beside --save.")
    var evalEvery: Int?
    @Option(name: .customLong("eval-episodes"), help: "Episodes per evaluation.")
    var evalEpisodes: Int = 10
    @Option(name: .customLong("env-threads"),
            help: "A2C: threads its environments step on, in shards (default: one per core). Results do not depend on it.")
    var envThreads: Int?
    @Option(help: "Write progress metrics per interval (and evaluations) to this CSV file; with --resume an existing log is continued.")
    var log: String?
    @Option(name: .customLong("progress-interval"), help: "Seconds between progress lines.")
    var progressInterval: Double = 2
    @OptionGroup(title: "Distributed (one rank of an MPI job)")
    var distribution: DistributedFlags

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1, got \(workers)") }
        if let tMax, tMax < 1 { throw ValidationError("--t-max must be at least 1, got \(tMax)") }
        if let gamma, !(gamma > 0 && gamma <= 1) { throw ValidationError("--gamma must be in (0, 1], got \(gamma)") }
        if let lr, !(lr > 0 && lr.isFinite) { throw ValidationError("--lr must be positive, got \(lr)") }
        if let gaeLambda, !(gaeLambda >= 0 && gaeLambda <= 1) { throw ValidationError("--gae-lambda must be in [0, 1], got \(gaeLambda)") }
        if let maxSteps, maxSteps < 1 { throw ValidationError("--max-steps must be positive, got \(maxSteps)") }
        if let maxSeconds, !(maxSeconds > 0) { throw ValidationError("--max-seconds must be positive, got \(maxSeconds)") }
        if let maxGradNorm, !(maxGradNorm >= 0) { throw ValidationError("--max-grad-norm must be non-negative, got \(maxGradNorm)") }
        if let entropyCoef, !(entropyCoef >= 0) { throw ValidationError("--entropy-coef must be non-negative, got \(entropyCoef)") }
        if let rewardScale, !(rewardScale > 0 && rewardScale.isFinite) { throw ValidationError("--reward-scale must be positive, got \(rewardScale)") }
        if let valueCoef, !(valueCoef >= 0) { throw ValidationError("--value-coef must be non-negative, got \(valueCoef)") }
        if let epsilon, !(epsilon > 0 && epsilon.isFinite) { throw ValidationError("--epsilon must be positive, got \(epsilon)") }
        if !(progressInterval > 0) { throw ValidationError("--progress-interval must be positive, got \(progressInterval)") }
        if env == nil && resume == nil { throw ValidationError("give an environment id, e.g. `a3c train CartPole-v1`, or --resume CHECKPOINT") }
        if let saveEvery, !(saveEvery > 0 && saveEvery.isFinite) { throw ValidationError("--save-every must be positive seconds, got \(saveEvery)") }
        if saveEvery != nil && save == nil { throw ValidationError("--save-every needs --save FILE to write to") }
        if let evalEvery, evalEvery < 1 { throw ValidationError("--eval-every must be a positive number of steps, got \(evalEvery)") }
        if evalEpisodes < 1 { throw ValidationError("--eval-episodes must be at least 1, got \(evalEpisodes)") }
        if let envThreads, !(1...1024).contains(envThreads) { throw ValidationError("--env-threads must be in 1...1024, got \(envThreads)") }
        _ = try hiddenWidths()
        try distribution.validate()
    }

    func hiddenWidths() throws -> [Int]? {
        guard let hidden else { return nil }
        let widths = hidden.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !widths.isEmpty, widths.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw ValidationError("--hidden must be positive widths separated by commas, e.g. 128 or 64,64; got \"\(hidden)\"")
        }
        return widths.map { $0! }
    }

    /// The env's defaults, or the resumed checkpoint's hyperparameters, with every given option applied.
    func hyperparameters(resuming model: TrainedModel? = nil) throws -> Hyperparameters {
        var h = model?.hyperparameters ?? Hyperparameters.defaults(for: env ?? "", algorithm: algo ?? .a3c)
        if let algo { h.algorithm = algo }
        if let workers { h.workers = workers }
        if let tMax { h.tMax = tMax }
        if let gamma { h.gamma = gamma }
        if let lr { h.learningRate = lr }
        if let lrSchedule { h.learningRateSchedule = lrSchedule }
        if let entropyCoef { h.entropyCoefficient = entropyCoef }
        if let rewardScale { h.rewardScale = rewardScale }
        if let valueCoef { h.valueCoefficient = valueCoef }
        if let maxGradNorm { h.maxGradientNorm = maxGradNorm == 0 ? nil : maxGradNorm }
        if let gaeLambda { h.gaeLambda = gaeLambda }
        if let widths = try hiddenWidths() { h.hidden = widths }
        if let activation { h.activation = activation }
        if let separate {
            h.sharedTrunk = !separate
            h.initialization = separate ? .orthogonal : .pytorch
        }
        if let optimizer { h.optimizer = optimizer.rule }
        if let epsilon { h.optimizer = h.optimizer.with(epsilon: epsilon) }
        if let updateMode { h.updateMode = updateMode }
        if let normalizeObservations { h.normalizeObservations = normalizeObservations }
        if let normalizeAdvantages { h.normalizeAdvantages = normalizeAdvantages }
        if let target { h.targetReturn = target }
        if let maxSteps { h.maxSteps = maxSteps }
        if let maxSeconds { h.maxSeconds = maxSeconds }
        if let seed { h.seed = seed }
        return h
    }

    func run() throws {
        let model = try resume.map { try Checkpoint.load(from: $0) }
        let envID = env ?? model!.envID
        if let model, let env, (try? Registry.spec(env).id) != (try? Registry.spec(model.envID).id) {
            throw ValidationErrorMessage("--resume \(resume!) was trained on \(model.envID), not \(env)")
        }
        let h = try hyperparameters(resuming: model)
        if distribution.distributed { return try runDistributed(h, envID: envID, resuming: model) }
        let spec = try Registry.spec(envID)
        var options = TrainingOptions(progressInterval: progressInterval, checkpointPath: save, saveEvery: saveEvery,
                                      evaluateEvery: evalEvery, evaluationEpisodes: evalEpisodes, environmentThreads: envThreads)
        options.evaluationSeed = h.seed &+ 0x5EED_0E7A
        // Every path is checked before the first step.
        if let save { try Checkpoint.checkWritable(save) }
        if let best = options.bestModelPath { try Checkpoint.checkWritable(best) }
        let logFile = try log.map { try CSVLog(path: $0, appending: model != nil) }

        let stop = StopSignal()
        let signals = SignalHandler { stop.request() }
        defer { withExtendedLifetime(signals) {} }
        if let model {
            print("resuming \(resume!) at \(model.steps) steps, \(model.progress?.updates ?? 0) updates")
            if model.progress?.optimizer == nil {
                print("the checkpoint has no optimizer state (format 1): the \(h.optimizer.name) optimizer starts fresh")
            }
        }
        print("training \(spec.id) with \(h.algorithm.rawValue.uppercased()), \(h.workers) workers, seed \(h.seed); " +
              "target mean100 ≥ \(h.targetReturn ?? spec.rewardThreshold ?? .infinity). Ctrl-C or SIGTERM stops cleanly and saves.")
        let result: TrainingResult
        do {
            result = try Trainer.train(envID: envID, hyperparameters: h, resumingFrom: model, options: options, stop: stop) { event in
                switch event {
                case .progress(let report):
                    print(report.line)
                    logFile?.append(report)
                case .evaluation(let evaluation):
                    print(evaluation.line)
                    logFile?.append(evaluation)
                case let .checkpointSaved(path, steps):
                    print("checkpoint saved to \(path) at \(steps) steps")
                case .checkpointFailed(let error):
                    FileHandle.standardError.write(Data("warning: \(error); training goes on\n".utf8))
                }
                fflush(nil)  // progress appears at once, also through a pipe or into a file
            }
        } catch {
            if let save { print("checkpoint \(save) left unchanged") }
            throw error
        }
        logFile?.append(result.finalReport)
        print(result.summary)
        if let save {
            try Checkpoint.save(result.model, to: save)
            print("saved checkpoint to \(save)")
        }
        if result.stopReason == .interrupted && signals.received != 0 { throw ExitCode(signals.exitStatus) }
    }
}

/// The optimizer names the CLI accepts.
enum OptimizerChoice: String, ExpressibleByArgument, CaseIterable {
    case adam, rmsprop, sgd
    var rule: OptimizerRule {
        switch self {
        case .adam: .adam()
        case .rmsprop: .rmsprop()
        case .sgd: .sgd
        }
    }
}

extension Algorithm: ExpressibleByArgument {}
extension Activation: ExpressibleByArgument {}
extension UpdateMode: ExpressibleByArgument {}
extension LearningRateSchedule: ExpressibleByArgument {}
