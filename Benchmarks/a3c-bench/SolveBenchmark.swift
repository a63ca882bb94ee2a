import Agents
import ArgumentParser
import Environments

/// `a3c-bench solve`: seeds 1…K of A3C and of A2C trained to the environment's threshold within a
/// budget; wall seconds and env steps to solve, and the learning curves for `--plot`.
struct SolveBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Wall seconds and env steps to the threshold, A3C against A2C, over seeds 1…K."
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var training: TrainingOptions
    @OptionGroup var options: SolveOptions

    func validate() throws { try SolveOptions.validateThresholds(training.environmentIDs(quick: common.quick)) }

    func run() throws {
        let figures = try Self.report(envIDs: training.environmentIDs(quick: common.quick), workers: training.workerCount,
                                      seeds: options.seedCount(quick: common.quick),
                                      maxSeconds: options.budgetSeconds(quick: common.quick))
        try Report.writeJSON(section: "solve", figures, to: common.json)
        if let plot = options.plot { try LearningCurvePlot.write(figures, to: plot) }
    }

    /// Points kept per learning curve.
    static let curvePoints = 300

    /// A point of a learning curve.
    struct Point: Codable {
        var seconds: Double
        var mean100: Double
    }

    /// One seed's run.
    struct Run: Codable {
        var seed: UInt64
        /// Wall seconds and env steps when the mean100 return first reached the threshold (nil: not within the budget).
        var solveSeconds: Double?
        var solveSteps: Int?
        var seconds: Double
        var steps: Int
        var stopReason: String
        /// Peak resident memory of the process during the run (nil where it cannot be measured).
        var peakResidentBytes: Double?
        /// Mean100 return against wall seconds, downsampled to at most `curvePoints` points.
        var curve: [Point]
    }

    /// One algorithm's seeds on one environment.
    struct Group: Codable {
        var algorithm: Algorithm
        var runs: [Run]
        /// Seeds that solved within the budget, and the spread of their wall seconds and env steps to solve.
        var solved: Int
        var solveSeconds: Spread?
        var solveSteps: Spread?
        /// The largest peak resident memory of the runs.
        var peakResidentBytes: Double?

        init(algorithm: Algorithm, runs: [Run]) {
            self.algorithm = algorithm
            self.runs = runs
            solved = runs.filter { $0.solveSeconds != nil }.count
            solveSeconds = Spread(runs.compactMap(\.solveSeconds))
            solveSteps = Spread(runs.compactMap { $0.solveSteps.map(Double.init) })
            peakResidentBytes = runs.compactMap(\.peakResidentBytes).max()
        }
    }

    /// One environment: a group per algorithm.
    struct EnvFigures: Codable {
        var envID: String
        var threshold: Double
        var maxSteps: Int?
        var groups: [Group]

        func group(_ algorithm: Algorithm) -> Group { groups.first { $0.algorithm == algorithm }! }
    }

    /// Everything the section measured, with the settings the figures depend on.
    struct Figures: Codable {
        var workers: Int
        var seeds: Int
        var maxSeconds: Double
        var envs: [EnvFigures]
    }

    /// Trains every seed, prints the table and returns the figures.
    static func report(envIDs: [String], workers: Int, seeds: Int, maxSeconds: Double) throws -> Figures {
        let envs = try envIDs.map { envID in
            let threshold = try Registry.spec(envID).rewardThreshold!
            let groups = try Algorithm.allCases.map { algorithm in
                Group(algorithm: algorithm, runs: try (1...seeds).map { seed in
                    try run(algorithm, envID: envID, workers: workers, seed: UInt64(seed), of: seeds, maxSeconds: maxSeconds)
                })
            }
            return EnvFigures(envID: envID, threshold: threshold, maxSteps: Hyperparameters.defaults(for: envID).maxSteps,
                              groups: groups)
        }
        let figures = Figures(workers: workers, seeds: seeds, maxSeconds: maxSeconds, envs: envs)
        print(markdown(figures))
        return figures
    }

    /// One seed of `algorithm` on `envID` with the environment's defaults, to its threshold or the budget.
    static func run(_ algorithm: Algorithm, envID: String, workers: Int, seed: UInt64, of seeds: Int,
                    maxSeconds: Double) throws -> Run {
        let name = "solve: \(envID), \(algorithm.rawValue.uppercased()), seed \(seed)/\(seeds)"
        Report.progress(name)
        var h = Hyperparameters.defaults(for: envID, algorithm: algorithm)
        h.workers = workers
        h.seed = seed
        h.maxSeconds = maxSeconds
        Report.resetPeakResident()
        var options = Agents.TrainingOptions(progressInterval: 10)
        options.environmentThreads = workers  // A2C: as many threads as A3C has workers
        let result = try Trainer.train(envID: envID, hyperparameters: h, resumingFrom: nil, options: options) { event in
            if case .progress(let report) = event { Report.progress("\(name): \(report.line)") }
        }
        let outcome = result.solvedAt.map { "solved at \(Report.duration($0.seconds)) s, \($0.step) steps" }
            ?? "not solved (stopped by \(result.stopReason.rawValue))"
        Report.progress("\(name): \(outcome)")
        return Run(seed: seed, solveSeconds: result.solvedAt?.seconds, solveSteps: result.solvedAt?.step,
                   seconds: result.seconds, steps: result.steps, stopReason: result.stopReason.rawValue,
                   peakResidentBytes: Report.peakResidentBytes(),
                   curve: downsample(result.episodes).map { Point(seconds: $0.seconds, mean100: $0.mean100) })
    }

    /// At most `curvePoints` evenly spaced episodes, the last one always included.
    static func downsample(_ episodes: [EpisodeRecord]) -> [EpisodeRecord] {
        guard episodes.count > curvePoints else { return episodes }
        return (0..<curvePoints).map { episodes[$0 * (episodes.count - 1) / (curvePoints - 1)] }
    }

    /// "seed 1" or "seeds 1…K".
    static func seedRange(_ seeds: Int) -> String { seeds == 1 ? "seed 1" : "seeds 1…\(seeds)" }

    static func markdown(_ figures: Figures) -> String {
        let title = "solve — \(seedRange(figures.seeds)) to the threshold, \(Report.plural(figures.workers, "worker")) " +
            "(A3C threads, A2C environments on as many threads), budget \(Report.duration(figures.maxSeconds)) s per run"
        let rows = figures.envs.flatMap { env in
            env.groups.map { group in
                [env.envID, group.algorithm.rawValue.uppercased(), env.threshold.formatted(0),
                 "\(group.solved)/\(group.runs.count)",
                 group.solveSeconds?.formatted(Report.duration) ?? "–",
                 group.solveSteps?.formatted { Report.compact($0) } ?? "–",
                 env.maxSteps.map { Report.compact(Double($0)) } ?? "–",
                 group.peakResidentBytes.map(Report.megabytes) ?? "–"]
            }
        }
        var text = Report.tableSection(title, ["environment", "algorithm", "threshold", "solved", "wall s to solve: median (min–max)",
                                               "env steps to solve: median (min–max)", "step budget",
                                               "peak RSS of a run (MB)"], rows) + "\n"
        text += figures.envs.map(comparisonSentence).joined(separator: "\n") + "\n"
        return text
    }

    /// Which algorithm reached the threshold sooner in wall time on one environment, by median.
    static func comparisonSentence(_ env: EnvFigures) -> String {
        let a3c = env.group(.a3c), a2c = env.group(.a2c)
        let counts = "seeds solved: A3C \(a3c.solved)/\(a3c.runs.count), A2C \(a2c.solved)/\(a2c.runs.count)"
        switch (a3c.solveSeconds?.median, a2c.solveSeconds?.median) {
        case let (a3cSeconds?, a2cSeconds?):
            return "\(env.envID): A3C's median wall time to solve is \((a3cSeconds / a2cSeconds).formatted(2))× A2C's " +
                "(\(Report.duration(a3cSeconds)) s against \(Report.duration(a2cSeconds)) s; \(counts)): " +
                "\(a3cSeconds <= a2cSeconds ? "A3C" : "A2C") is faster on this machine."
        case (_?, nil): return "\(env.envID): only A3C reached the threshold within the budget (\(counts))."
        case (nil, _?): return "\(env.envID): only A2C reached the threshold within the budget (\(counts))."
        case (nil, nil):
            return "\(env.envID): neither algorithm reached the threshold within the budget; " +
                (Report.isDebugBuild ? "use a release build (swift run -c release a3c-bench)." : "raise --max-seconds.")
        }
    }
}
