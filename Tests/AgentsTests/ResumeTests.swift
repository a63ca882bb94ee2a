import XCTest
import Foundation
import Agents
import Engine

/// Continuing a saved run: counters, learning-rate schedule and optimiser state go on exactly;
/// periodic checkpoints and the best model are written while training.
final class ResumeTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func cartPole(_ algorithm: Algorithm = .a3c, maxSteps: Int, seed: UInt64 = 3) -> Hyperparameters {
        var h = Hyperparameters.defaults(for: "CartPole-v1", algorithm: algorithm)
        h.workers = algorithm == .a3c ? 1 : 4
        h.maxSteps = maxSteps
        h.targetReturn = .infinity
        h.seed = seed
        return h
    }

    /// One update after saving and loading equals the same update without it, bit for bit: the
    /// parameters, the moments, Adam's step count (bias correction) and the step count behind a
    /// linear learning-rate schedule all come back from the file.
    func testOneUpdateAfterSaveAndLoadEqualsOneWithout() throws {
        for rule in [OptimizerRule.adam(), .rmsprop(alpha: 0.99, epsilon: 0.1)] {
            var h = Hyperparameters()
            h.optimizer = rule
            h.learningRateSchedule = .linear
            h.maxSteps = 1000
            h.hidden = [8]
            let architecture = h.architecture(observationSize: 4, policy: .categorical(actions: 2))
            let live = SharedOptimizer(rule: rule, mode: .locked,
                                       initialParameters: ActorCriticNetwork(architecture: architecture, seed: 9).parameterArray)
            var lcg: UInt64 = 11  // a small LCG: fixed, varied gradients
            func gradient() -> [Float] {
                (0..<live.parameterCount).map { _ in
                    lcg = lcg &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return Float(Int((lcg >> 33) % 2001) - 1000) * 1e-4
                }
            }
            var steps = 0
            for _ in 0..<7 {
                live.apply(gradient: gradient(), learningRate: h.learningRate(atStep: steps))
                steps += 37
            }
            let (parameters, state) = live.snapshot()
            let saved = TrainedModel(envID: "CartPole-v1", architecture: architecture, parameters: parameters, observationStatistics: nil,
                                     hyperparameters: h, steps: steps,
                                     progress: TrainingProgress(updates: 7, episodes: 0, seconds: 1, recentReturns: [], optimizer: state))
            try Checkpoint.save(saved, to: path("opt.json"))
            let loaded = try Checkpoint.load(from: path("opt.json"))
            XCTAssertEqual(loaded, saved)
            let restored = SharedOptimizer(rule: loaded.hyperparameters.optimizer, mode: .locked, initialParameters: loaded.parameters,
                                           state: loaded.progress?.optimizer)
            let g = gradient()
            live.apply(gradient: g, learningRate: h.learningRate(atStep: steps))
            restored.apply(gradient: g, learningRate: loaded.hyperparameters.learningRate(atStep: loaded.steps))
            let (a, sa) = live.snapshot(), (b, sb) = restored.snapshot()
            XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern), "\(rule)")
            XCTAssertEqual(sa, sb, "\(rule)")
            XCTAssertEqual(sb.stepCount, 8)
        }
    }

    /// A3C and A2C: the resumed run's progress reports and result continue from the saved steps,
    /// updates and episodes; the optimiser's update count goes on from the saved one.
    func testResumeContinuesTheCounters() throws {
        for algorithm in [Algorithm.a3c, .a2c] {
            let first = try Trainer.train(envID: "CartPole-v1", hyperparameters: cartPole(algorithm, maxSteps: 20_000))
            try Checkpoint.save(first.model, to: path("first.json"))
            let saved = try Checkpoint.load(from: path("first.json"))
            XCTAssertEqual(saved.progress?.optimizer?.stepCount, first.updates)
            XCTAssertEqual(saved.progress?.recentReturns.count, 100)

            var h = saved.hyperparameters
            h.maxSteps = 40_000
            var reports: [ProgressReport] = []
            let second = try Trainer.train(envID: "CartPole-v1", hyperparameters: h, resumingFrom: saved,
                                           options: TrainingOptions(progressInterval: 1e-9)) { event in
                if case .progress(let report) = event { reports.append(report) }
            }
            XCTAssertFalse(reports.isEmpty)
            XCTAssertGreaterThan(reports.first!.steps, first.steps, "\(algorithm)")
            XCTAssertGreaterThanOrEqual(reports.first!.episodes, first.progress.episodes)
            XCTAssertGreaterThanOrEqual(second.steps, 40_000)
            XCTAssertGreaterThan(second.updates, first.updates)
            XCTAssertEqual(second.progress.optimizer?.stepCount, second.updates, "one optimiser update per update, counted on")
            XCTAssertEqual(second.progress.episodes, first.progress.episodes + second.episodes.count)
            XCTAssertGreaterThan(second.seconds, first.seconds)
            XCTAssertEqual(second.episodes.first?.step ?? 0 > first.steps, true, "episode steps continue too")

            // The same checkpoint resumed twice with one worker: the same continuation.
            if algorithm == .a3c {
                let again = try Trainer.train(envID: "CartPole-v1", hyperparameters: h, resumingFrom: saved)
                XCTAssertEqual(again.parameters, second.parameters)
            }
        }
    }

    /// A recurrent run resumes as a feed-forward one does: the checkpoint holds the LSTM torso, the
    /// run continues from its counters, and resuming the same checkpoint twice gives the same run.
    func testARecurrentRunResumes() throws {
        for algorithm in [Algorithm.a3c, .a2c] {
            var h = Hyperparameters.defaults(for: "MemoryLength-v0", algorithm: algorithm)
            h.workers = algorithm == .a3c ? 1 : 4
            h.maxSteps = 5_000
            h.targetReturn = .infinity
            h.confirmationEpisodes = nil
            let first = try Trainer.train(envID: "MemoryLength-v0", hyperparameters: h)
            try Checkpoint.save(first.model, to: path("recurrent.json"))
            let saved = try Checkpoint.load(from: path("recurrent.json"))
            XCTAssertEqual(saved.architecture.torso, [.lstm(units: 32)])
            h.maxSteps = 10_000
            let second = try Trainer.train(envID: "MemoryLength-v0", hyperparameters: h, resumingFrom: saved)
            let again = try Trainer.train(envID: "MemoryLength-v0", hyperparameters: h, resumingFrom: saved)
            XCTAssertGreaterThanOrEqual(second.steps, 10_000, "\(algorithm)")
            XCTAssertGreaterThan(second.updates, first.updates)
            XCTAssertEqual(second.parameters, again.parameters, "\(algorithm)")
            XCTAssertNotEqual(second.parameters, first.parameters)
        }
    }

    func testResumeRefusesAnotherNetworkOrASpentBudget() throws {
        let first = try Trainer.train(envID: "CartPole-v1", hyperparameters: cartPole(maxSteps: 5_000))
        var h = first.hyperparameters
        h.maxSteps = 10_000
        h.hidden = [64]
        XCTAssertThrowsError(try Trainer.train(envID: "CartPole-v1", hyperparameters: h, resumingFrom: first.model)) { error in
            XCTAssertTrue("\(error)".contains("the network cannot change"), "\(error)")
        }
        XCTAssertThrowsError(try Trainer.train(envID: "CartPole-v1", hyperparameters: first.hyperparameters, resumingFrom: first.model)) { error in
            XCTAssertTrue("\(error)".contains("raise max steps to continue"), "\(error)")
        }
        h = first.hyperparameters
        h.maxSteps = 10_000
        XCTAssertThrowsError(try Trainer.train(envID: "Acrobot-v1", hyperparameters: h, resumingFrom: first.model)) { error in
            XCTAssertTrue("\(error)".contains("trained on CartPole-v1, not Acrobot-v1"), "\(error)")
        }
    }

    /// A checkpoint without optimiser state (format 1) resumes with a fresh optimiser.
    func testFormatOneResumesWithAFreshOptimizer() throws {
        let first = try Trainer.train(envID: "CartPole-v1", hyperparameters: cartPole(maxSteps: 5_000))
        var old = first.model
        old.progress = nil
        var h = old.hyperparameters
        h.maxSteps = 10_000
        let second = try Trainer.train(envID: "CartPole-v1", hyperparameters: h, resumingFrom: old)
        XCTAssertGreaterThanOrEqual(second.steps, 10_000)
        XCTAssertEqual(second.progress.optimizer?.stepCount, second.updates, "a fresh optimiser counts only this session's updates")
    }

    /// `saveEvery` writes the checkpoint while the run goes on; it loads and can be resumed.
    func testPeriodicCheckpointIsWrittenWhileTraining() throws {
        var options = TrainingOptions(checkpointPath: path("periodic.json"), saveEvery: 0.01)
        options.progressInterval = 1000
        var saves: [Int] = []
        let result = try Trainer.train(envID: "CartPole-v1", hyperparameters: cartPole(maxSteps: 300_000), resumingFrom: nil,
                                       options: options) { event in
            if case let .checkpointSaved(path, steps) = event {
                XCTAssertEqual(path, self.path("periodic.json"))
                saves.append(steps)
            }
        }
        XCTAssertFalse(saves.isEmpty, "a run that takes longer than 0.01 s saves at least once")
        XCTAssertLessThan(saves.first!, result.steps)
        let periodic = try Checkpoint.load(from: path("periodic.json"))
        XCTAssertEqual(periodic.steps, saves.last)
        XCTAssertNotNil(periodic.progress?.optimizer)
    }

    /// Periodic deterministic evaluations keep the best model beside the checkpoint, and its
    /// recorded return is what evaluating the saved file gives again.
    func testBestModelIsKept() throws {
        var options = TrainingOptions(checkpointPath: path("run.json"), evaluateEvery: 25_000, evaluationEpisodes: 3)
        options.progressInterval = 1000
        var evaluations: [EvaluationReport] = []
        let result = try Trainer.train(envID: "CartPole-v1", hyperparameters: cartPole(maxSteps: 200_000), resumingFrom: nil,
                                       options: options) { event in
            if case .evaluation(let report) = event { evaluations.append(report) }
            if case .checkpointFailed(let error) = event { XCTFail("\(error)") }
        }
        XCTAssertEqual(options.bestModelPath, path("run.best.json"))
        XCTAssertGreaterThanOrEqual(evaluations.count, 4)
        XCTAssertTrue(evaluations[0].isBest)
        let bestMean = evaluations.map(\.summary.mean).max()!
        XCTAssertEqual(result.progress.bestEvaluationReturn, bestMean)
        let best = try Checkpoint.load(from: path("run.best.json"))
        XCTAssertEqual(best.progress?.bestEvaluationReturn, bestMean)
        let again = try Evaluation.run(best, episodes: 3, deterministic: true, seed: options.evaluationSeed)
        XCTAssertEqual(again.mean, bestMean, "the best file holds the model that scored best")
        for report in evaluations where report.isBest { XCTAssertEqual(report.savedTo, path("run.best.json")) }
    }
}
