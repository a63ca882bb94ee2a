import Agents
import ArgumentParser

/// `a3c-bench throughput`: env steps and updates per second of A3C with 1…N worker threads and
/// of A2C with as many environments stepped on as many threads, each for a fixed wall time with
/// the solve stop disabled.
struct ThroughputBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "throughput",
        abstract: "Steps/s and updates/s of A3C (1…N workers) and A2C (as many envs on as many threads); A3C's scaling efficiency."
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var training: TrainingOptions
    @OptionGroup var options: ThroughputOptions

    func run() throws {
        let figures = try Self.report(envIDs: training.environmentIDs(quick: common.quick), workers: training.workerCount,
                                      seconds: options.secondsPerRun(quick: common.quick))
        try Report.writeJSON(section: "throughput", figures, to: common.json)
    }

    /// The A3C paper's speedup at 2 threads (Mnih et al. 2016, Table 2: time to reach a score,
    /// mean over seven Atari games) — a reference, not a figure of ours.
    static let paperSpeedupAtTwoThreads = 2.1

    /// One training run for a fixed wall time.
    struct Run: Codable {
        var workers: Int
        var seconds: Double
        var steps: Int
        var updates: Int
        var stepsPerSecond: Double
        var updatesPerSecond: Double
    }

    /// One environment's runs, by worker count 1…N.
    struct EnvFigures: Codable {
        var envID: String
        var a3c: [Run]
        var a2c: [Run]
        /// A3C steps/s with n workers over steps/s with 1, for n = 1…N.
        var a3cSpeedup: [Double]
        /// `a3cSpeedup[n - 1] / n`.
        var a3cEfficiency: [Double]
    }

    /// Measures every environment, prints the tables and returns the figures.
    static func report(envIDs: [String], workers: Int, seconds: Double) throws -> [EnvFigures] {
        let figures = try envIDs.map { try measure(envID: $0, workers: workers, seconds: seconds) }
        print(markdown(figures, seconds: seconds))
        return figures
    }

    static func measure(envID: String, workers: Int, seconds: Double) throws -> EnvFigures {
        var a3c: [Run] = [], a2c: [Run] = []
        for n in 1...workers {
            a3c.append(try run(.a3c, envID: envID, workers: n, seconds: seconds))
            a2c.append(try run(.a2c, envID: envID, workers: n, seconds: seconds))
        }
        let speedup = a3c.map { $0.stepsPerSecond / a3c[0].stepsPerSecond }
        return EnvFigures(envID: envID, a3c: a3c, a2c: a2c, a3cSpeedup: speedup,
                          a3cEfficiency: speedup.enumerated().map { $1 / Double($0 + 1) })
    }

    /// `algorithm` on `envID` with `workers` for `seconds` of wall time, never stopping early.
    static func run(_ algorithm: Algorithm, envID: String, workers: Int, seconds: Double) throws -> Run {
        Report.progress("throughput: \(envID), \(algorithm.rawValue.uppercased()), \(Report.plural(workers, "worker")), " +
                        "\(Report.duration(seconds)) s")
        var h = Hyperparameters.defaults(for: envID, algorithm: algorithm)
        h.workers = workers
        h.targetReturn = .infinity
        h.maxSteps = nil
        h.learningRateSchedule = .constant  // no step budget to decay over; the rate does not affect speed
        h.maxSeconds = seconds
        let result = try Trainer.train(envID: envID, hyperparameters: h, resumingFrom: nil,
                                       options: Agents.TrainingOptions(environmentThreads: workers))
        return Run(workers: workers, seconds: result.seconds, steps: result.steps, updates: result.updates,
                   stepsPerSecond: Double(result.steps) / result.seconds,
                   updatesPerSecond: Double(result.updates) / result.seconds)
    }

    static func markdown(_ figures: [EnvFigures], seconds: Double) -> String {
        let rows = figures.flatMap { env in env.a3c.indices.map { row(env, workers: $0 + 1) } }
        var text = Report.tableSection("throughput — A3C with n worker threads, A2C with n environments on n threads, \(Report.duration(seconds)) s each",
                                       ["environment", "n", "A3C steps/s", "A3C updates/s", "A3C speedup", "A3C efficiency",
                                        "A2C steps/s", "A2C updates/s", "A3C ÷ A2C steps/s"], rows) + "\n"
        text += figures.map(scalingSentence).joined(separator: "\n") + "\n"
        return text
    }

    /// One table row: both algorithms with `workers`.
    static func row(_ env: EnvFigures, workers: Int) -> [String] {
        let a3c = env.a3c[workers - 1], a2c = env.a2c[workers - 1]
        let speedup = env.a3cSpeedup[workers - 1], efficiency = env.a3cEfficiency[workers - 1]
        return [env.envID, "\(workers)", Report.compact(a3c.stepsPerSecond), Report.compact(a3c.updatesPerSecond),
                speedup.formatted(2) + "×", (100 * efficiency).formatted(0) + "%",
                Report.compact(a2c.stepsPerSecond), Report.compact(a2c.updatesPerSecond),
                (a3c.stepsPerSecond / a2c.stepsPerSecond).formatted(2) + "×"]
    }

    /// How A3C scaled on one environment, next to the paper's reference figure.
    static func scalingSentence(_ env: EnvFigures) -> String {
        let n = env.a3c.count
        guard n >= 2 else {
            return "\(env.envID): one worker only, so no scaling to report (use --workers 2 or more)."
        }
        var sentence = "\(env.envID): A3C from 1 to \(n) workers runs \(env.a3cSpeedup[n - 1].formatted(2))× the env steps/s " +
            "(efficiency \((100 * env.a3cEfficiency[n - 1]).formatted(0))%)"
        if n > 2 { sentence += "; at 2 workers \(env.a3cSpeedup[1].formatted(2))×" }
        return sentence + ". For reference, the A3C paper reports \(paperSpeedupAtTwoThreads.formatted(1))× at 2 threads " +
            "on Atari (time to a score, mean of seven games), not a figure of ours."
    }
}
