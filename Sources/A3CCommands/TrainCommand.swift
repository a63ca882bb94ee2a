import ArgumentParser
import Foundation
import Agents
import Engine
import Environments

/// `a3c train ENV`: trains an agent and optionally saves a checkpoint and a CSV log.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an actor-critic agent on a built-in environment.",
        discussion: "Unset options take the environment's documented defaults (Hyperparameters.defaults(for:algorithm:)).")

    @Argument(help: "Environment id, e.g. CartPole-v1 (see `a3c envs`).")
    var env: String

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
    @Option(help: "Write a checkpoint here at the end (atomically).")
    var save: String?
    @Option(help: "Write progress metrics per interval to this CSV file.")
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

    /// The env's defaults with every given option applied.
    func hyperparameters() throws -> Hyperparameters {
        var h = Hyperparameters.defaults(for: env, algorithm: algo ?? .a3c)
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
        let h = try hyperparameters()
        if distribution.distributed { return try runDistributed(h) }
        let spec = try Registry.spec(env)
        let logFile = try log.map { try CSVLog(path: $0) }
        let stop = StopSignal()
        let interrupt = InterruptHandler { stop.request() }
        defer { withExtendedLifetime(interrupt) {} }
        print("training \(spec.id) with \(h.algorithm.rawValue.uppercased()), \(h.workers) workers, seed \(h.seed); " +
              "target mean100 ≥ \(h.targetReturn ?? spec.rewardThreshold ?? .infinity). Ctrl-C stops cleanly.")
        let result: TrainingResult
        do {
            result = try Trainer.train(envID: env, hyperparameters: h, stop: stop, progressInterval: progressInterval) { report in
                print(report.line)
                fflush(nil)  // progress appears at once, also through a pipe or into a file
                logFile?.append(report)
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
