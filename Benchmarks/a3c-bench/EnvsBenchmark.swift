import ArgumentParser
import Environments
import SeededRandom

/// `a3c-bench envs`: single-thread steps per second of each classic-control environment under
/// random actions, one environment alone and in batches of 16.
struct EnvsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envs",
        abstract: "Steps per second of the classic-control environments (random actions, one thread)."
    )

    @OptionGroup var common: CommonOptions

    static let defaultSteps = Preset(full: 8_000_000, quick: 20_000)

    @Option(help: "Environment steps per measurement (\(defaultSteps.help)).")
    var steps: Int?

    static let defaultBatchSize = 16

    @Option(help: "Environments per batch.")
    var batchSize = defaultBatchSize

    /// One environment's figures, in steps per second.
    struct Measurement: Codable {
        var id: String
        var singleStepsPerSecond: Double
        var batchedStepsPerSecond: Double
    }

    func validate() throws {
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
    }

    func run() throws {
        let measurements = Self.report(steps: steps ?? Self.defaultSteps.value(quick: common.quick), batchSize: batchSize)
        try Report.writeJSON(section: "envs", measurements, to: common.json)
    }

    /// Measures every classic-control environment, prints the table and returns the figures.
    static func report(steps: Int, batchSize: Int) -> [Measurement] {
        let ids = ["CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1"]
        let measurements = ids.map { measure(try! Registry.spec($0).factory, steps: steps, batchSize: batchSize) }
        let rows = measurements.map { [$0.id, Report.compact($0.singleStepsPerSecond), Report.compact($0.batchedStepsPerSecond)] }
        print(Report.tableSection("envs — steps/s, random actions, one thread, \(steps) steps each",
                                  ["environment", "single env", "batch of \(batchSize)"], rows))
        return measurements
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
