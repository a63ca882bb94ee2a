import ArgumentParser
import Dispatch
import Environments
import Foundation
import SeededRandom

/// `a3c-bench envs`: single-thread steps per second of each classic-control environment under
/// random actions, one environment alone and in batches of 16.
struct EnvsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envs",
        abstract: "Steps per second of the classic-control environments (random actions, one thread)."
    )

    @Option(help: "Write the measurements as JSON to this file.")
    var json: String?

    @Option(help: "Environment steps per measurement.")
    var steps = 8_000_000

    @Option(help: "Environments per batch.")
    var batchSize = 16

    /// One environment's figures, in steps per second.
    struct Measurement: Codable {
        var id: String
        var singleStepsPerSecond: Double
        var batchedStepsPerSecond: Double
    }

    func run() throws {
        let measurements = [
            measure(CartPole.self), measure(Acrobot.self), measure(MountainCar.self),
            measure(MountainCarContinuous.self), measure(Pendulum.self),
        ]
        #if DEBUG
        let configuration = "debug"
        #else
        let configuration = "release"
        #endif
        print("Environment steps per second, random actions, one thread (\(ProcessInfo.processInfo.activeProcessorCount) cores, \(configuration) build)")
        print("")
        print("| environment | single env | batch of \(batchSize) |")
        print("| --- | ---: | ---: |")
        for m in measurements {
            print("| \(m.id) | \(Self.format(m.singleStepsPerSecond)) | \(Self.format(m.batchedStepsPerSecond)) |")
        }
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(measurements).write(to: URL(fileURLWithPath: json))
        }
    }

    static func format(_ stepsPerSecond: Double) -> String {
        stepsPerSecond >= 1e6 ? String(format: "%.1fM", stepsPerSecond / 1e6) : String(format: "%.0fk", stepsPerSecond / 1e3)
    }

    /// Both figures for `E`, specialised on the concrete type so no step goes through an existential.
    func measure<E: Environment>(_ type: E.Type) -> Measurement {
        Measurement(id: E().id, singleStepsPerSecond: measureSingle(type), batchedStepsPerSecond: measureBatch(type))
    }

    func measureSingle<E: Environment>(_ type: E.Type) -> Double {
        var environment = E()
        let space = environment.actionSpace
        var rng = Xoshiro256(seed: 1)
        var observation = [Float](repeating: 0, count: environment.observationSpace.size)
        var action = [Float](repeating: 0, count: space.isDiscrete ? 0 : space.size)
        var checksum: Float = 0
        let start = DispatchTime.now().uptimeNanoseconds
        observation.withUnsafeMutableBufferPointer { observation in
            action.withUnsafeMutableBufferPointer { action in
                environment.reset(seed: 1, observation: observation)
                for _ in 0..<steps {
                    let result: StepResult
                    if space.isDiscrete {
                        result = try! environment.step(discrete: space.sampleDiscrete(using: &rng), observation: observation)
                    } else {
                        space.sampleContinuous(using: &rng, into: action)
                        result = try! environment.step(continuous: UnsafeBufferPointer(action), observation: observation)
                    }
                    if result.done { environment.reset(seed: nil, observation: observation) }
                    checksum += observation[0]
                }
            }
        }
        return Self.rate(steps: steps, since: start, checksum: checksum)
    }

    func measureBatch<E: Environment>(_ type: E.Type) -> Double {
        var batch = EnvironmentBatch<E>(count: batchSize, seed: 1)
        let space = E().actionSpace
        var rng = Xoshiro256(seed: 1)
        var discrete = [Int32](repeating: 0, count: batchSize)
        var continuous = [Float](repeating: 0, count: space.isDiscrete ? 0 : batchSize * space.size)
        let rounds = max(1, steps / batchSize)
        var checksum: Float = 0
        let start = DispatchTime.now().uptimeNanoseconds
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
        return Self.rate(steps: rounds * batchSize, since: start, checksum: checksum)
    }

    /// Steps per second since `start`; `checksum` keeps the work observable to the optimiser.
    static func rate(steps: Int, since start: UInt64, checksum: Float) -> Double {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if checksum.isNaN { print("(checksum \(checksum))") }
        return Double(steps) / seconds
    }
}
