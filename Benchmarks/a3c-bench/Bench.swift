import ArgumentParser
import Foundation

/// `a3c-bench`: measured figures for the engine, the environments and the trainers. With no
/// subcommand it runs every section in order; each section is also a subcommand.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "a3c-bench",
        abstract: "How fast is A3C here, and is it better than A2C on this machine? Runs every section, or one by subcommand.",
        subcommands: [EngineBenchmark.self, EnvsBenchmark.self, LunarLanderBenchmark.self, ThroughputBenchmark.self,
                      SolveBenchmark.self]
    )

    /// The sections, in the order a full run prints them.
    enum Section: String, CaseIterable {
        case engine, envs, lunar, throughput, solve
    }

    @Option(help: "Sections to run, comma-separated (default: \(Section.allCases.map(\.rawValue).joined(separator: ","))).",
            transform: { list in
                try list.split(separator: ",").map { name in
                    guard let section = Section(rawValue: String(name)) else {
                        throw ValidationError("unknown section \"\(name)\"; the sections are \(Section.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return section
                }
            })
    var sections: [Section]?

    @OptionGroup var training: TrainingOptions
    @OptionGroup var throughput: ThroughputOptions
    @OptionGroup var solve: SolveOptions

    var selectedSections: [Section] { sections ?? Section.allCases }

    func validate() throws {
        if selectedSections.isEmpty { throw ValidationError("--sections needs at least one section") }
        if selectedSections.contains(.solve) {
            try SolveOptions.validateThresholds(training.environmentIDs)
        } else if solve.plot != nil {
            throw ValidationError("--plot draws the solve section's curves: add solve to --sections")
        }
    }

    func run() throws {
        let quick = training.quick
        var figures: [String: Any] = [:]
        for section in selectedSections {
            Report.progress("section \(section.rawValue)")
            switch section {
            case .engine:
                figures["engine"] = quick ? EngineBenchmark.report(minSeconds: 0.005, repeats: 1) : EngineBenchmark.report()
            case .envs:
                figures["envs"] = try Report.jsonObject(EnvsBenchmark.report(
                    steps: quick ? EnvsBenchmark.quickSteps : EnvsBenchmark.defaultSteps, batchSize: EnvsBenchmark.defaultBatchSize))
            case .lunar:
                figures["lunar"] = try Report.jsonObject(LunarLanderBenchmark.report(
                    steps: quick ? LunarLanderBenchmark.quickSteps : LunarLanderBenchmark.defaultSteps, seed: 0))
            case .throughput:
                figures["throughput"] = try Report.jsonObject(ThroughputBenchmark.report(
                    envIDs: training.environmentIDs, workers: training.workerCount,
                    seconds: throughput.secondsPerRun(quick: quick)))
            case .solve:
                let results = try SolveBenchmark.report(envIDs: training.environmentIDs, workers: training.workerCount,
                                                        seeds: solve.seedCount(quick: quick),
                                                        maxSeconds: solve.budgetSeconds(quick: quick))
                figures["solve"] = try Report.jsonObject(results)
                if let plot = solve.plot { try LearningCurvePlot.write(results, to: plot) }
            }
        }
        if let json = training.json { try Report.writeJSON(figures, to: json) }
    }

    /// Parses and runs like `ParsableCommand.main()`, except that bad input (an unknown option,
    /// section or environment, an out-of-range value) exits with code 2, before any work starts.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
