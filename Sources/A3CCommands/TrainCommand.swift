import ArgumentParser
import Foundation
import Agents
import Engine
import Environments
import TensorBoard

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

    @Argument(help: "Environment id, e.g. CartPole-v1 (see `a3c envs`); optional with --resume or a --config that names it.")
    var env: String?

    @Option(help: ArgumentHelp("Read settings from this YAML file (keys: the long options below); options given here override it.",
                               valueName: "run.yml"))
    var config: String?
    @Flag(name: .customLong("print-config"), help: "Print the effective settings as YAML (loadable with --config) and exit.")
    var printConfig = false

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
    @Option(name: .customLong("reward-floor"), help: "Raise scaled training rewards below this to it (default: none).")
    var rewardFloor: Float?
    @Option(name: .customLong("entropy-coef"), help: "Entropy bonus coefficient.")
    var entropyCoef: Float?
    @Option(name: .customLong("value-coef"), help: "Value loss coefficient.")
    var valueCoef: Float?
    @Option(name: .customLong("max-grad-norm"), help: "Global gradient-norm clip (0 disables clipping).")
    var maxGradNorm: Float?
    @Option(name: .customLong("gae-lambda"), help: "Use GAE(λ) with this λ in [0, 1] instead of n-step returns.")
    var gaeLambda: Float?
    @Option(name: .customLong("initial-log-std"), help: "Initial log-standard-deviation of a Gaussian policy (continuous actions).")
    var initialLogStd: Float?
    @Option(name: .customLong("sde-every"),
            help: "State-dependent exploration (gSDE) of a Gaussian policy: its noise, a held random function of the actor's features, is drawn again every this many steps (default: 0, independent noise at every step).")
    var sdeEvery: Int?
    @Option(help: ArgumentHelp("Layers before the hidden ones, shared by actor and critic: \(TorsoLayer.syntax); none for no torso.",
                               valueName: "layers"))
    var torso: String?
    @Option(help: "Hidden layer widths, comma-separated, e.g. 128 or 64,64 (none: the heads read the torso directly).")
    var hidden: String?
    @Option(help: ArgumentHelp("Hidden activation.", valueName: Activation.allCases.map(\.rawValue).joined(separator: "|")))
    var activation: Activation?
    @Option(help: "Separate actor and critic networks instead of the seed's shared trunk.")
    var separate: Bool?
    @Option(help: "Optimizer: adam, rmsprop or sgd.")
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
    @Option(name: .customLong("confirm-episodes"),
            help: "When the mean100 reaches the target, stop only if a deterministic evaluation over this many new episodes reaches it too, else train on (default: 100; 0: stop on the training mean100 alone).")
    var confirmEpisodes: Int?
    @Option(name: .customLong("confirm-every"),
            help: "Also run that evaluation every this many env steps, whatever the training mean100 (default: the env's: 1000000 for the BipedalWalkers, 500000 for InvertedDoublePendulum-v4, Hopper-v4, Walker2d-v4 and Swimmer-v4, else 0: only when the mean100 reaches the target).")
    var confirmEvery: Int?
    @Option(name: .customLong("confirm-standard-errors"),
            help: "A confirming evaluation passes when its mean less this many standard errors of that mean reaches the target (default: 1; 0: the mean alone).")
    var confirmStandardErrors: Double?
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
    @Option(help: ArgumentHelp("Write TensorBoard event files to this directory (created if missing): `tensorboard --logdir DIR`.",
                               valueName: "dir"))
    var tensorboard: String?
    @Option(name: .customLong("progress-interval"), help: "Seconds between progress lines.")
    var progressInterval: Double = 2
    @OptionGroup(title: "Distributed (one rank of an MPI job)")
    var distribution: DistributedFlags

    func validate() throws {
        if let (key, value) = try flagSettings().firstInvalid() {
            throw ValidationError("--\(key.name) must be \(key.expected), got \(value)")
        }
        if !(progressInterval > 0) { throw ValidationError("--progress-interval must be positive, got \(progressInterval)") }
        if env == nil && resume == nil && config == nil {
            throw ValidationError("give an environment id, e.g. `a3c train CartPole-v1`, --resume CHECKPOINT or a --config file with `env:`")
        }
        if let saveEvery, !(saveEvery > 0 && saveEvery.isFinite) { throw ValidationError("--save-every must be positive seconds, got \(saveEvery)") }
        if saveEvery != nil && save == nil { throw ValidationError("--save-every needs --save FILE to write to") }
        if let evalEvery, evalEvery < 1 { throw ValidationError("--eval-every must be a positive number of steps, got \(evalEvery)") }
        if evalEpisodes < 1 { throw ValidationError("--eval-episodes must be at least 1, got \(evalEpisodes)") }
        if let envThreads, !(1...1024).contains(envThreads) { throw ValidationError("--env-threads must be in 1...1024, got \(envThreads)") }
        try distribution.validate()
    }

    /// The hyperparameter options given on the command line, as settings.
    func flagSettings() throws -> TrainSettings {
        var settings = TrainSettings()
        settings["env"] = env.map(SettingValue.text)
        settings["algo"] = algo.map { .text($0.rawValue) }
        settings["workers"] = workers.map(SettingValue.int)
        settings["t-max"] = tMax.map(SettingValue.int)
        settings["gamma"] = gamma.map(SettingValue.float)
        settings["gae-lambda"] = gaeLambda.map(SettingValue.float)
        settings["lr"] = lr.map(SettingValue.float)
        settings["lr-schedule"] = lrSchedule.map { .text($0.rawValue) }
        settings["optimizer"] = optimizer.map { .text($0.rawValue) }
        settings["epsilon"] = epsilon.map(SettingValue.float)
        settings["update-mode"] = updateMode.map { .text($0.rawValue) }
        settings["reward-scale"] = rewardScale.map(SettingValue.float)
        settings["reward-floor"] = rewardFloor.map(SettingValue.float)
        settings["entropy-coef"] = entropyCoef.map(SettingValue.float)
        settings["value-coef"] = valueCoef.map(SettingValue.float)
        settings["max-grad-norm"] = maxGradNorm.map(SettingValue.float)
        settings["initial-log-std"] = initialLogStd.map(SettingValue.float)
        settings["sde-every"] = sdeEvery.map(SettingValue.int)
        settings["normalize-observations"] = normalizeObservations.map(SettingValue.flag)
        settings["normalize-advantages"] = normalizeAdvantages.map(SettingValue.flag)
        if let torso {
            do { settings["torso"] = .torso(try TorsoLayer.parseList(torso)) } catch {
                throw ValidationError("--torso: \(error.description); expected \(TorsoLayer.syntax)")
            }
        }
        if let hidden {
            let key = TrainSettings.key("hidden")!
            guard let widths = key.parse(hidden) else {
                throw ValidationError("--hidden must be \(key.expected), got \"\(hidden)\"")
            }
            settings["hidden"] = widths
        }
        settings["activation"] = activation.map { .text($0.rawValue) }
        settings["separate"] = separate.map(SettingValue.flag)
        settings["target"] = target.map(SettingValue.double)
        settings["max-steps"] = maxSteps.map(SettingValue.int)
        settings["confirm-episodes"] = confirmEpisodes.map(SettingValue.int)
        settings["confirm-every"] = confirmEvery.map(SettingValue.int)
        settings["confirm-standard-errors"] = confirmStandardErrors.map(SettingValue.double)
        settings["max-seconds"] = maxSeconds.map(SettingValue.double)
        settings["seed"] = seed.map(SettingValue.seed)
        return settings
    }

    /// The environment and the hyperparameters of the run: the environment's defaults (or the
    /// resumed checkpoint's hyperparameters), then the --config file, then the options given here.
    func resolved(resuming model: TrainedModel? = nil) throws -> (envID: String, hyperparameters: Hyperparameters) {
        let file = try config.map { path throws(ConfigurationError) in try TrainSettings.load(path: path) } ?? TrainSettings()
        let settings = file.overridden(by: try flagSettings())
        let envID: String
        if case .text(let id)? = settings["env"] { envID = id } else if let model { envID = model.envID } else {
            throw ValidationErrorMessage("\(config ?? "the configuration") has no `env:`; give an environment id (see `a3c envs`)")
        }
        let spec = try Registry.spec(envID)
        if let model, let resume, spec.id != (try? Registry.spec(model.envID).id) {
            throw ValidationErrorMessage("--resume \(resume) was trained on \(model.envID), not \(envID)")
        }
        var h = model?.hyperparameters ?? Hyperparameters.defaults(for: spec.id, algorithm: settings.algorithm ?? .a3c)
        settings.apply(to: &h)
        try h.validate()
        return (spec.id, h)
    }

    func run() throws {
        let model = try resume.map { try Checkpoint.load(from: $0) }
        let (envID, h) = try resolved(resuming: model)
        if printConfig {
            print(TrainSettings.yaml(envID: envID, hyperparameters: h), terminator: "")
            return
        }
        if distribution.distributed { return try runDistributed(h, envID: envID, resuming: model) }
        let spec = try Registry.spec(envID)
        var options = TrainingOptions(progressInterval: progressInterval, checkpointPath: save, saveEvery: saveEvery,
                                      evaluateEvery: evalEvery, evaluationEpisodes: evalEpisodes, environmentThreads: envThreads)
        options.evaluationSeed = h.seed &+ 0x5EED_0E7A
        // Every path is checked before the first step.
        if let save { try Checkpoint.checkWritable(save) }
        if let best = options.bestModelPath { try Checkpoint.checkWritable(best) }
        let logFile = try log.map { try CSVLog(path: $0, appending: model != nil) }
        let events = try tensorboard.map { directory throws(TensorBoardError) in try TensorBoardLog(directory: directory) }

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
                    events?.record(report)
                case .evaluation(let evaluation):
                    print(evaluation.line)
                    logFile?.append(evaluation)
                    events?.record(evaluation.summary, step: evaluation.progress.steps)
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
        events?.record(result.finalReport)
        print(result.summary)
        if let events { print("TensorBoard events in \(events.path)") }
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
