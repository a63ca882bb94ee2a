import ArgumentParser
import Environments

/// Options shared by the training sections (throughput, solve) and by a run of every section.
struct TrainingOptions: ParsableArguments {
    static let defaultEnvs = ["CartPole-v1", "LunarLanderContinuous-v3"]

    @Option(help: ArgumentHelp("Environments of the throughput and solve sections, comma-separated (default: \(defaultEnvs.joined(separator: ",")); with --quick: CartPole-v1).",
                               valueName: "ids"),
            transform: { $0.split(separator: ",").map(String.init) })
    var envs: [String]?

    @Option(help: ArgumentHelp("Most workers: A3C threads, and environments of A2C (default: the number of cores).", valueName: "n"))
    var workers: Int?

    @Flag(help: "Smoke run of a few seconds: tiny sizes and times, one seed, CartPole-v1 only for throughput and solve.")
    var quick = false

    @Option(help: ArgumentHelp("Write every figure of the sections run to this file as JSON (one object keyed by section).",
                               valueName: "file"))
    var json: String?

    var environmentIDs: [String] { envs ?? (quick ? ["CartPole-v1"] : Self.defaultEnvs) }
    var workerCount: Int { workers ?? Report.cores }

    func validate() throws {
        if let envs {
            guard !envs.isEmpty else { throw ValidationError("--envs needs at least one environment id") }
            for id in envs {
                do { _ = try Registry.spec(id) } catch { throw ValidationError("--envs: \(error)") }
            }
        }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1, got \(workers)") }
    }
}

/// Options of the throughput section.
struct ThroughputOptions: ParsableArguments {
    @Option(help: "Wall seconds of each throughput run (default: 10; with --quick: 0.5).")
    var seconds: Double?

    func secondsPerRun(quick: Bool) -> Double { seconds ?? (quick ? 0.5 : 10) }

    func validate() throws {
        if let seconds, !(seconds > 0 && seconds.isFinite) {
            throw ValidationError("--seconds must be a positive number of seconds, got \(seconds)")
        }
    }
}

/// Options of the solve section.
struct SolveOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Seeds per algorithm and environment: 1…K (default: 5; with --quick: 1).", valueName: "K"))
    var seeds: Int?

    @Option(help: "Wall-second budget of each solve run (default: 120; with --quick: 3).")
    var maxSeconds: Double?

    @Option(help: ArgumentHelp("Draw the solve section's learning curves to this SVG file.", valueName: "file.svg"))
    var plot: String?

    func seedCount(quick: Bool) -> Int { seeds ?? (quick ? 1 : 5) }
    func budgetSeconds(quick: Bool) -> Double { maxSeconds ?? (quick ? 3 : 120) }

    func validate() throws {
        if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1, got \(seeds)") }
        if let maxSeconds, !(maxSeconds > 0 && maxSeconds.isFinite) {
            throw ValidationError("--max-seconds must be a positive number of seconds, got \(maxSeconds)")
        }
    }

    /// Every environment of the solve section needs a threshold to solve to.
    static func validateThresholds(_ ids: [String]) throws {
        for id in ids where (try? Registry.spec(id))?.rewardThreshold == nil {
            throw ValidationError("--envs: \(id) registers no reward threshold, so the solve section cannot run on it")
        }
    }
}
