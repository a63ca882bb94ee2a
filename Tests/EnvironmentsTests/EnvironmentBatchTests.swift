import Environments
import SeededRandom
import XCTest

final class EnvironmentBatchTests: XCTestCase {
    /// Steps a batch and, beside it, single environments seeded as the batch seeds them, with the
    /// same random actions; every row must equal what its single environment produced.
    func checkBatchMatchesSingleEnvironments<E: Environment>(_ make: () -> E, count: Int, steps: Int) throws {
        var batch = EnvironmentBatch(count: count, seed: 77) { limited(make()) }
        var singles = (0..<count).map { _ in limited(make()) }
        var observations = (0..<count).map {
            singles[$0].reset(seed: EnvironmentBatch<TimeLimited<E>>.environmentSeed(batchSeed: 77, index: $0))
        }
        XCTAssertEqual(batch.observations, observations.flatMap { $0 })
        var returns = [Double](repeating: 0, count: count)
        var rng = Xoshiro256(seed: 3)
        let space = singles[0].actionSpace
        var finishedEpisodes = 0
        for _ in 0..<steps {
            var discrete = [Int](repeating: 0, count: count)
            var continuous = [Float](repeating: 0, count: count * batch.actionSize)
            if space.isDiscrete {
                discrete = discrete.map { _ in space.sampleDiscrete(using: &rng) }
                try batch.step(discrete: discrete)
            } else {
                continuous.withUnsafeMutableBufferPointer { buffer in
                    for i in 0..<count {
                        space.sampleContinuous(using: &rng, into: UnsafeMutableBufferPointer(rebasing: buffer[i * batch.actionSize ..< (i + 1) * batch.actionSize]))
                    }
                }
                try continuous.withUnsafeBufferPointer { try batch.step(continuous: $0) }
            }
            for i in 0..<count {
                let action: Action = space.isDiscrete ? .discrete(discrete[i]) : .continuous(Array(continuous[i * batch.actionSize ..< (i + 1) * batch.actionSize]))
                let (observation, result) = try singles[i].step(action)
                returns[i] += result.reward
                XCTAssertEqual(batch.rewards[i], result.reward)
                XCTAssertEqual(batch.terminated[i], result.terminated)
                XCTAssertEqual(batch.truncated[i], result.truncated)
                let row = i * batch.observationSize ..< (i + 1) * batch.observationSize
                if result.done {
                    finishedEpisodes += 1
                    XCTAssertEqual(Array(batch.finalObservations[row]), observation)
                    XCTAssertEqual(batch.episodeReturns[i], returns[i])
                    XCTAssertEqual(batch.episodeLengths[i], singles[i].elapsedSteps)
                    returns[i] = 0
                    observations[i] = singles[i].reset(seed: nil)
                } else {
                    observations[i] = observation
                }
                XCTAssertEqual(Array(batch.observations[row]), observations[i])
            }
        }
        XCTAssertGreaterThan(finishedEpisodes, 0, "the run must cover automatic resets")
    }

    func testDiscreteBatchAutoResetsAndReportsFinalObservations() throws {
        try checkBatchMatchesSingleEnvironments(CartPole.init, count: 5, steps: 300)
    }

    func testContinuousBatchTruncatesAndResets() throws {
        try checkBatchMatchesSingleEnvironments(Pendulum.init, count: 3, steps: 450)
    }

    func testSameSeedSameRunDifferentSeedDifferentRun() throws {
        func run(seed: UInt64) throws -> [Float] {
            var batch = EnvironmentBatch(count: 4, seed: seed, factory: try Registry.spec("Acrobot-v1").factory as! ClosureEnvironmentFactory<Acrobot>)
            let actions: [Int32] = [0, 1, 2, 1]
            for _ in 0..<600 { try actions.withUnsafeBufferPointer { try batch.step(discrete: $0) } }
            return batch.observations + batch.finalObservations
        }
        XCTAssertEqual(try run(seed: 1), try run(seed: 1))
        XCTAssertNotEqual(try run(seed: 1), try run(seed: 2))
    }

    /// Shards `firstIndex ..< firstIndex + count` of a batch, stepped apart, reproduce its rows.
    func testShardsReproduceTheWholeBatch() throws {
        let actions: [Int32] = [0, 1, 2, 1, 0]
        let factory = try Registry.spec("Acrobot-v1").factory as! ClosureEnvironmentFactory<Acrobot>
        var whole = EnvironmentBatch(count: 5, seed: 9, factory: factory)
        var shards = [EnvironmentBatch(count: 2, seed: 9, factory: factory),
                      EnvironmentBatch(count: 3, seed: 9, firstIndex: 2, factory: factory)]
        for _ in 0..<600 {
            try actions.withUnsafeBufferPointer { try whole.step(discrete: $0) }
            try Array(actions[0..<2]).withUnsafeBufferPointer { try shards[0].step(discrete: $0) }
            try Array(actions[2...]).withUnsafeBufferPointer { try shards[1].step(discrete: $0) }
        }
        XCTAssertEqual(shards[0].observations + shards[1].observations, whole.observations)
        XCTAssertEqual(shards[0].episodeReturns + shards[1].episodeReturns, whole.episodeReturns)
        XCTAssertEqual(shards[1].firstIndex, 2)
    }

    func testInvalidBatchActionThrows() {
        var batch = EnvironmentBatch(count: 2, seed: 0) { limited(MountainCar()) }
        XCTAssertThrowsError(try batch.step(discrete: [0, 3])) { error in
            XCTAssertTrue("\(error)".contains("MountainCar-v0"), "\(error)")
        }
    }
}
