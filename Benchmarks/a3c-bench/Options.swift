import ArgumentParser
import Environments

/// A setting's value in a full run and in a `--quick` run.
struct Preset<Value: Sendable>: Sendable {
    let full: Value
    let quick: Value

    func value(quick isQuick: Bool) -> Value { isQuick ? quick : full }
}

extension Preset where Value: CustomStringConvertible {
    /// For an option's help: "default: 10; with --quick: 0.5".
    var help: String { "default: \(full); with --quick: \(quick)" }
}

/// Options every section has.
struct CommonOptions: ParsableArguments {
    @Flag(help: "Smoke run of a few seconds: tiny sizes and times (one seed, CartPole-v1 only for throughput and solve).")
    var quick = false

    @Option(help: ArgumentHelp("Write every figure measured to this file as JSON (one object keyed by section).",
                               valueName: "file"))
    var json: String?
}

/// Options of the training sections (throughput, solve).
struct TrainingOptions: ParsableArguments {
    static let defaultEnvs = Preset(full: ["CartPole-v1", "LunarLanderContinuous-v3"], quick: ["CartPole-v1"])

    @Option(help: ArgumentHelp("Environments of the throughput and solve sections, comma-separated (default: \(defaultEnvs.full.joined(separator: ",")); with --quick: \(defaultEnvs.quick.joined(separator: ","))).",
                               valueName: "ids"),
            transform: { $0.split(separator: ",").map(String.init) })
    var envs: [String]?

    @Option(help: ArgumentHelp("Most workers: A3C threads, and environments of A2C (default: the number of cores).", valueName: "n"))
    var workers: Int?

    func environmentIDs(quick: Bool) -> [String] { envs ?? Self.defaultEnvs.value(quick: quick) }
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
    static let defaultSeconds = Preset(full: 10.0, quick: 0.5)

    @Option(help: "Wall seconds of each throughput run (\(defaultSeconds.help)).")
    var seconds: Double?

    func secondsPerRun(quick: Bool) -> Double { seconds ?? Self.defaultSeconds.value(quick: quick) }

    func validate() throws {
        if let seconds, !(seconds > 0 && seconds.isFinite) {
            throw ValidationError("--seconds must be a positive number of seconds, got \(seconds)")
        }
    }
}

/// Options of the solve section.
struct SolveOptions: ParsableArguments {
    static let defaultSeeds = Preset(full: 5, quick: 1)
    static let defaultMaxSeconds = Preset(full: 120.0, quick: 3.0)

    @Option(help: ArgumentHelp("Seeds per algorithm and environment: 1…K (\(defaultSeeds.help)).", valueName: "K"))
    var seeds: Int?

    @Option(help: "Wall-second budget of each solve run (\(defaultMaxSeconds.help)).")
    var maxSeconds: Double?

    @Option(help: ArgumentHelp("Draw the solve section's learning curves to this SVG file.", valueName: "file.svg"))
    var plot: String?

    func seedCount(quick: Bool) -> Int { seeds ?? Self.defaultSeeds.value(quick: quick) }
    func budgetSeconds(quick: Bool) -> Double { maxSeconds ?? Self.defaultMaxSeconds.value(quick: quick) }

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
