import ArgumentParser
import Environments
import Foundation
import SeededRandom

/// `a3c-bench envs`: single-thread steps per second of each classic-control environment and
/// MinAtar game under random actions, one environment alone and in batches of 16; with
/// `--python`, minatar's own games timed the same way in the same run.
struct EnvsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envs",
        abstract: "Steps per second of the classic-control environments and MinAtar's games (random actions, one thread)."
    )

    @OptionGroup var common: CommonOptions

    static let defaultSteps = Preset(full: 8_000_000, quick: 20_000)

    @Option(help: "Environment steps per measurement (\(defaultSteps.help)).")
    var steps: Int?

    static let defaultBatchSize = 16

    @Option(help: "Environments per batch.")
    var batchSize = defaultBatchSize

    @Option(help: "A Python with minatar 1.0.15: also time minatar's own games (act and state(), one environment) beside ours.")
    var python: String?

    static let defaultPythonSteps = Preset(full: 300_000, quick: 2_000)

    /// The MinAtar rows (all six actions, the paper's setting) and minatar's names of their games.
    static let minAtarGames = MinAtarGames.all.map { ("MinAtar/\($0.name)-v0", $0.minatarName) }

    /// One environment's figures, in steps per second.
    struct Measurement: Codable {
        var id: String
        var singleStepsPerSecond: Double
        var batchedStepsPerSecond: Double
        /// minatar's own game in Python, one environment, with `--python`.
        var pythonStepsPerSecond: Double? = nil
    }

    func validate() throws {
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        if let python, !FileManager.default.isExecutableFile(atPath: python) {
            throw ValidationError("--python \(python) is not an executable file; pass a Python with minatar==1.0.15")
        }
    }

    func run() throws {
        let measurements = try Self.report(steps: steps ?? Self.defaultSteps.value(quick: common.quick), batchSize: batchSize,
                                           python: python, pythonSteps: Self.defaultPythonSteps.value(quick: common.quick))
        try Report.writeJSON(section: "envs", measurements, to: common.json)
    }

    /// Measures every classic-control environment and MinAtar game (and minatar's, with `python`),
    /// prints the table and returns the figures.
    static func report(steps: Int, batchSize: Int, python: String? = nil, pythonSteps: Int = 0) throws -> [Measurement] {
        let ids = ["CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1"]
            + minAtarGames.map(\.0)
        var measurements = ids.map { measure(try! Registry.spec($0).factory, steps: steps, batchSize: batchSize) }
        if let python {
            for (i, measurement) in measurements.enumerated() {
                guard let game = minAtarGames.first(where: { $0.0 == measurement.id })?.1 else { continue }
                measurements[i].pythonStepsPerSecond = try minatarRate(python, game: game, steps: pythonSteps)
            }
        }
        let rows = measurements.map { m -> [String] in
            [m.id, Report.compact(m.singleStepsPerSecond), Report.compact(m.batchedStepsPerSecond)]
                + (python == nil ? [] : [m.pythonStepsPerSecond.map(Report.compact) ?? "–",
                                         m.pythonStepsPerSecond.map { Report.ratio(m.singleStepsPerSecond / $0) } ?? "–"])
        }
        print(Report.tableSection("envs — steps/s, random actions, one thread, \(steps) steps each"
                                  + (python == nil ? "" : " (minatar in Python: \(pythonSteps) steps each)"),
                                  ["environment", "single env", "batch of \(batchSize)"]
                                      + (python == nil ? [] : ["minatar (Python)", "ours / minatar"]), rows))
        return measurements
    }

    /// minatar's steps per second for `game`, from `peers/minatar_speed.py`'s JSON line.
    static func minatarRate(_ python: String, game: String, steps: Int) throws -> Double {
        Report.progress("envs: minatar \(game) in Python")
        return try Report.pythonRate(python, script: "minatar_speed.py", ["--game", game, "--steps", "\(steps)"],
                                     failure: "does it have minatar==1.0.15?")
    }

    /// Both figures for the factory's environments with their registered time limit, specialised
    /// on the concrete type so no step goes through an existential.
    static func measure<F: EnvironmentFactory>(_ factory: F, steps: Int, batchSize: Int) -> Measurement {
        Report.progress("envs: \(factory.id)")
        return Measurement(id: factory.id, singleStepsPerSecond: measureSingle(factory, steps: steps),
                           batchedStepsPerSecond: measureBatch(factory, steps: steps, batchSize: batchSize))
    }

    static func measureSingle<F: EnvironmentFactory>(_ factory: F, steps: Int) -> Double {
        var environment = factory.make()
        let space = environment.actionSpace
        var rng = Xoshiro256(seed: 1)
        var observation = [Float](repeating: 0, count: environment.observationSpace.size)
        var action = [Float](repeating: 0, count: space.isDiscrete ? 0 : space.size)
        var checksum: Float = 0
        let start = Report.now()
        observation.withUnsafeMutableBufferPointer { observation in
            action.withUnsafeMutableBufferPointer { action in
                environment.reset(seed: 1, observation: observation)
                for _ in 0..<steps {
                    if environment.stepRandomly(space, rng: &rng, action: action, observation: observation).done {
                        environment.reset(seed: nil, observation: observation)
                    }
                    checksum += observation[0]
                }
            }
        }
        return rate(steps: steps, since: start, checksum: checksum)
    }

    static func measureBatch<F: EnvironmentFactory>(_ factory: F, steps: Int, batchSize: Int) -> Double {
        var batch = EnvironmentBatch(count: batchSize, seed: 1, factory: factory)
        let space = batch.environments[0].actionSpace
        var rng = Xoshiro256(seed: 1)
        var discrete = [Int32](repeating: 0, count: batchSize)
        var continuous = [Float](repeating: 0, count: space.isDiscrete ? 0 : batchSize * space.size)
        let rounds = max(1, steps / batchSize)
        var checksum: Float = 0
        let start = Report.now()
        discrete.withUnsafeMutableBufferPointer { discrete in
            continuous.withUnsafeMutableBufferPointer { continuous in
                for _ in 0..<rounds {
                    if space.isDiscrete {
                        for i in 0..<discrete.count { discrete[i] = Int32(truncatingIfNeeded: space.sampleDiscrete(using: &rng)) }
                        try! batch.step(discrete: UnsafeBufferPointer(discrete))
                    } else {
                        let size = space.size
                        for i in 0..<batchSize {
                            space.sampleContinuous(using: &rng, into: UnsafeMutableBufferPointer(rebasing: continuous[i * size ..< (i + 1) * size]))
                        }
                        try! batch.step(continuous: UnsafeBufferPointer(continuous))
                    }
                    checksum += batch.observations[0]
                }
            }
        }
        return rate(steps: rounds * batchSize, since: start, checksum: checksum)
    }

    /// Steps per second since `start`; `checksum` keeps the work observable to the optimiser.
    static func rate(steps: Int, since start: UInt64, checksum: Float) -> Double {
        let seconds = Report.seconds(since: start)
        if checksum.isNaN { print("(checksum \(checksum))") }
        return Double(steps) / seconds
    }
}
