import XCTest
import Agents
import Environments

/// Training runs through the public API only, as a user's package would call it.
final class TrainingTests: XCTestCase {
    func cartPole(_ algorithm: Algorithm, workers: Int, maxSteps: Int, seed: UInt64 = 7) -> Hyperparameters {
        var h = Hyperparameters.defaults(for: "CartPole-v1", algorithm: algorithm)
        h.workers = workers
        h.maxSteps = maxSteps
        h.targetReturn = .infinity  // run the whole budget
        h.seed = seed
        return h
    }

    func earlyMean(_ result: TrainingResult) -> Double {
        let first = result.episodes.prefix(20).map(\.episodeReturn)
        return first.reduce(0, +) / Double(first.count)
    }

    /// One seeded worker: random-level returns (~20) at the start, ≥ 150 by the end of a fixed budget.
    func testOneWorkerA3CImprovesOnCartPole() throws {
        let result = try Trainer.train(envID: "CartPole-v1", hyperparameters: cartPole(.a3c, workers: 1, maxSteps: 600_000))
        XCTAssertLessThan(earlyMean(result), 40, "an untrained policy balances for ~20 steps")
        XCTAssertGreaterThanOrEqual(result.finalMean100 ?? 0, 150)
        XCTAssertEqual(result.stopReason, .maxSteps)
    }

    /// Same seed and one worker: the same run, bit for bit.
    func testOneWorkerRunIsReproducible() throws {
        let h = cartPole(.a3c, workers: 1, maxSteps: 30_000, seed: 3)
        let a = try Trainer.train(envID: "CartPole-v1", hyperparameters: h)
        let b = try Trainer.train(envID: "CartPole-v1", hyperparameters: h)
        XCTAssertEqual(a.parameters, b.parameters)
        XCTAssertEqual(a.episodes.map(\.episodeReturn), b.episodes.map(\.episodeReturn))
        var other = h
        other.seed = 4
        XCTAssertNotEqual(try Trainer.train(envID: "CartPole-v1", hyperparameters: other).parameters, a.parameters)
    }

    /// Two workers interleave as the scheduler lets them, so the run differs each time, and a run
    /// that has learned can still collapse late in a budget with no target: the best window counts.
    func testTwoWorkerA3CLearnsCartPole() throws {
        let result = try Trainer.train(envID: "CartPole-v1", hyperparameters: cartPole(.a3c, workers: 2, maxSteps: 1_000_000))
        let returns = result.episodes.map(\.episodeReturn)
        guard returns.count >= 100 else { return XCTFail("only \(returns.count) episodes in 1M steps") }
        var bestMean100 = -Double.infinity
        for start in 0...(returns.count - 100) {
            let window: Double = returns[start..<start + 100].reduce(0, +) / 100
            bestMean100 = max(bestMean100, window)
        }
        XCTAssertGreaterThanOrEqual(bestMean100, 150)
    }

    func testA2CLearnsCartPole() throws {
        let result = try Trainer.train(envID: "CartPole-v1", hyperparameters: cartPole(.a2c, workers: 8, maxSteps: 500_000))
        XCTAssertLessThan(earlyMean(result), 40)
        XCTAssertGreaterThanOrEqual(result.finalMean100 ?? 0, 150)
    }

    /// A2C's environments step in shards on `environmentThreads` threads; the same seed gives the
    /// same run, bit for bit, for every thread count (the shards seed their rows as one batch would),
    /// with discrete actions and with continuous ones (time limits, observation normalisation, GAE).
    func testA2CEnvironmentThreadsGiveTheSameRun() throws {
        var pendulum = Hyperparameters.defaults(for: "Pendulum-v1", algorithm: .a2c)
        pendulum.workers = 5
        pendulum.maxSteps = 6_000
        pendulum.seed = 2
        for (envID, h) in [("CartPole-v1", cartPole(.a2c, workers: 5, maxSteps: 20_000, seed: 5)), ("Pendulum-v1", pendulum)] {
            let runs = try [1, 2, 3, 5, 8].map { threads in
                try Trainer.train(envID: envID, hyperparameters: h, resumingFrom: nil,
                                  options: TrainingOptions(environmentThreads: threads))
            }
            XCTAssertGreaterThan(runs[0].episodes.count, 10, envID)
            for (run, threads) in zip(runs.dropFirst(), [2, 3, 5, 8]) {
                XCTAssertEqual(run.parameters, runs[0].parameters, "\(envID), \(threads) threads")
                XCTAssertEqual(run.episodes.map(\.episodeReturn), runs[0].episodes.map(\.episodeReturn), "\(envID), \(threads) threads")
            }
        }
        XCTAssertThrowsError(try Trainer.train(envID: "CartPole-v1", hyperparameters: cartPole(.a2c, workers: 2, maxSteps: 100),
                                               resumingFrom: nil, options: TrainingOptions(environmentThreads: 0)))
    }

    /// gSDE's held noise changes the run, yet keeps it reproducible: one A3C worker bit for bit, A2C
    /// the same for every environment-thread count; an interval of 0 steps is refused.
    func testStateDependentExplorationIsReproducible() throws {
        for algorithm in [Algorithm.a3c, .a2c] {
            var h = Hyperparameters.defaults(for: "Pendulum-v1", algorithm: algorithm)
            h.workers = algorithm == .a3c ? 1 : 3
            h.maxSteps = 6_000
            let independent = try Trainer.train(envID: "Pendulum-v1", hyperparameters: h)
            h.stateDependentNoiseInterval = 8
            let runs = try [1, 2].map { threads in
                try Trainer.train(envID: "Pendulum-v1", hyperparameters: h, resumingFrom: nil,
                                  options: TrainingOptions(environmentThreads: threads))
            }
            XCTAssertEqual(runs[0].parameters, runs[1].parameters, "\(algorithm)")
            XCTAssertEqual(runs[0].episodes.map(\.episodeReturn), runs[1].episodes.map(\.episodeReturn), "\(algorithm)")
            XCTAssertNotEqual(runs[0].parameters, independent.parameters, "\(algorithm)")
        }
        var h = Hyperparameters.defaults(for: "Pendulum-v1")
        h.stateDependentNoiseInterval = 0
        XCTAssertThrowsError(try h.validate())
    }

    /// A continuous-action run end to end: Gaussian policy, observation normalisation, GAE, evaluation.
    func testContinuousTrainingRunsAndEvaluates() throws {
        var h = Hyperparameters.defaults(for: "Pendulum-v1")
        h.workers = 1
        h.maxSteps = 20_000
        let result = try Trainer.train(envID: "Pendulum-v1", hyperparameters: h)
        XCTAssertEqual(result.episodes.count, 100, "Pendulum episodes are truncated at 200 steps")
        XCTAssertNotNil(result.observationStatistics)
        let summary = try Evaluation.run(result.model, episodes: 3, deterministic: true)
        XCTAssertEqual(summary.lengths, [200, 200, 200])
        XCTAssertTrue(summary.returns.allSatisfy { $0 <= 0 && $0.isFinite })
    }

    func testReachingTheTargetStopsTheRun() throws {
        var h = cartPole(.a3c, workers: 1, maxSteps: 100_000)
        h.targetReturn = 30
        let result = try Trainer.train(envID: "CartPole-v1", hyperparameters: h)
        XCTAssertEqual(result.stopReason, .solved)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(result.solvedAt).mean100, 30)
        XCTAssertLessThan(result.steps, 100_000)
    }

    func testStopSignalEndsTheRunCleanly() throws {
        let stop = StopSignal()
        stop.request()
        let result = try Trainer.train(envID: "CartPole-v1", hyperparameters: cartPole(.a3c, workers: 2, maxSteps: 1_000_000),
                                       stop: stop)
        XCTAssertEqual(result.stopReason, .interrupted)
        XCTAssertLessThan(result.steps, 1_000_000)
    }

    func testDivergingRunStopsWithTheStepOfTheNonFiniteLoss() {
        var h = cartPole(.a3c, workers: 1, maxSteps: 100_000)
        h.learningRate = 1e30
        h.maxGradientNorm = nil
        h.optimizer = .sgd
        XCTAssertThrowsError(try Trainer.train(envID: "CartPole-v1", hyperparameters: h)) { error in
            guard case let TrainingError.nonFiniteLoss(step, _) = error else { return XCTFail("\(error)") }
            XCTAssertGreaterThan(step, 0)
            XCTAssertTrue("\(error)".contains("training stopped at step \(step)"))
        }
    }

    /// The reward training sees: scaled, then raised to the floor (a fall's −100 for BipedalWalker).
    func testRewardFloorRaisesScaledRewards() {
        var h = Hyperparameters()
        h.rewardScale = 0.1
        XCTAssertEqual(h.trainingReward(-100), -10)
        h.rewardFloor = -1
        XCTAssertEqual(h.trainingReward(-100), -1)
        XCTAssertEqual(h.trainingReward(-5), -0.5, accuracy: 1e-7)
        XCTAssertEqual(h.trainingReward(3), 0.3, accuracy: 1e-7)
        XCTAssertNoThrow(try h.validate())
        h.rewardFloor = .nan
        XCTAssertThrowsError(try h.validate()) { error in
            XCTAssertEqual("\(error)", "invalid hyperparameter: reward floor must be a finite number, got nan")
        }
    }

    func testInvalidSettingsAreRejectedBeforeTraining() {
        var h = Hyperparameters()
        h.workers = 0
        XCTAssertThrowsError(try Trainer.train(envID: "CartPole-v1", hyperparameters: h)) { error in
            XCTAssertEqual("\(error)", "invalid hyperparameter: workers must be in 1...1024, got 0")
        }
        XCTAssertThrowsError(try Trainer.train(envID: "CartPol-v1", hyperparameters: Hyperparameters())) { error in
            XCTAssertTrue("\(error)".contains("Did you mean \"CartPole-v1\"?"), "\(error)")
        }
    }
}
