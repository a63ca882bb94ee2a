import ArgumentParser

/// `a3c-bench` (or `a3c-bench all`): the chosen sections in order, figures measured in one run.
struct AllSections: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Every section in order: engine, envs, mujoco, box2d, render, throughput, solve, distributed, peers (with --python)."
    )

    /// The sections, in the order a run prints them.
    enum Section: String, CaseIterable {
        case engine, envs, mujoco, box2d, render, throughput, solve, distributed, peers
    }

    @Option(help: ArgumentHelp("Sections to run, comma-separated (default: \(Section.allCases.map(\.rawValue).joined(separator: ","))); lunar is box2d's old name.",
                               valueName: "names"),
            transform: { list in
                try list.split(separator: ",").map { name in
                    guard let section = Section(rawValue: name == "lunar" ? "box2d" : String(name)) else {
                        throw ValidationError("unknown section \"\(name)\"; the sections are " +
                                              Section.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    return section
                }
            })
    var sections: [Section]?

    @OptionGroup var common: CommonOptions
    @OptionGroup var training: TrainingOptions
    @OptionGroup var throughput: ThroughputOptions
    @OptionGroup var solve: SolveOptions
    @OptionGroup var peers: PeersOptions
    @OptionGroup var mujocoPython: MuJoCoPythonOption

    var selectedSections: [Section] { sections ?? Section.allCases }

    func validate() throws {
        if selectedSections.isEmpty { throw ValidationError("--sections needs at least one section") }
        if selectedSections.contains(.solve) {
            try SolveOptions.validateThresholds(training.environmentIDs(quick: common.quick))
        } else if solve.plot != nil {
            throw ValidationError("--plot draws the solve section's curves: add solve to --sections")
        }
    }

    func run() throws {
        let quick = common.quick
        let envIDs = training.environmentIDs(quick: quick)
        var figures: [String: Any] = [:]
        for section in selectedSections {
            Report.progress("section \(section.rawValue)")
            switch section {
            case .engine:
                figures["engine"] = EngineBenchmark.report(quick: quick)
            case .envs:
                figures["envs"] = try Report.jsonObject(EnvsBenchmark.report(
                    steps: EnvsBenchmark.defaultSteps.value(quick: quick), batchSize: EnvsBenchmark.defaultBatchSize))
            case .mujoco:
                figures["mujoco"] = try Report.jsonObject(MuJoCoBenchmark.report(
                    steps: MuJoCoBenchmark.defaultSteps.value(quick: quick), python: mujocoPython.path,
                    pythonSteps: MuJoCoBenchmark.defaultPythonSteps.value(quick: quick)))
            case .box2d:
                figures["box2d"] = try Report.jsonObject(Box2DBenchmark.report(
                    steps: Box2DBenchmark.defaultSteps.value(quick: quick), seed: Box2DBenchmark.defaultSeed))
            case .render:
                figures["render"] = try Report.jsonObject(RenderBenchmark.report(frames: RenderBenchmark.defaultFrames.value(quick: quick)))
            case .throughput:
                figures["throughput"] = try Report.jsonObject(ThroughputBenchmark.report(
                    envIDs: envIDs, workers: training.workerCount, seconds: throughput.secondsPerRun(quick: quick)))
            case .solve:
                let results = try SolveBenchmark.report(envIDs: envIDs, workers: training.workerCount,
                                                        seeds: solve.seedCount(quick: quick),
                                                        maxSeconds: solve.budgetSeconds(quick: quick))
                figures["solve"] = try Report.jsonObject(results)
                if let plot = solve.plot { try LearningCurvePlot.write(results, to: plot) }
            case .distributed:
                figures["distributed"] = try Report.jsonObject(DistributedBenchmark.report(
                    envIDs: envIDs, seconds: throughput.secondsPerRun(quick: quick), solveSeconds: solve.budgetSeconds(quick: quick)))
            case .peers:
                figures["peers"] = try Report.jsonObject(PeersBenchmark.report(
                    python: peers.python, quick: quick, maxSeconds: peers.budgetSeconds(quick: quick),
                    networksOnly: peers.networksOnly))
            }
        }
        if let json = common.json { try Report.writeJSON(figures, to: json) }
    }
}
