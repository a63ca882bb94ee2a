import XCTest
import Foundation
import Agents
import Environments

/// One step per episode. Training episodes pay 1; an episode reset with a seed pays `payout`, which
/// the test sets. Evaluations reset every episode with a seed, while training resets with one only
/// at its first episode per worker (or environment), so the test decides what each confirming
/// evaluation scores while the training mean100 sits above the target.
private struct Payout: Environment {
    let payout: Locked<Double>
    /// Seeded episodes pay payout + amount and payout − amount in turn (counted across copies).
    var spread: (amount: Double, episodes: Locked<Int>)? = nil
    var seeded = false

    var observationSpace: BoxSpace { BoxSpace(low: [0], high: [1]) }
    var actionSpace: ActionSpace { .discrete(2) }

    mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) {
        seeded = seed != nil
        observation[0] = 0
    }

    mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        guard seeded else { return StepResult(reward: 1, terminated: true) }
        let base = payout.withLock { $0 }
        guard let spread else { return StepResult(reward: base, terminated: true) }
        let episode = spread.episodes.withLock { count -> Int in
            count += 1
            return count
        }
        return StepResult(reward: base + (episode % 2 == 0 ? spread.amount : -spread.amount), terminated: true)
    }
}

/// The stop rule with a confirming evaluation (`Hyperparameters.confirmationEpisodes`), through the
/// public API: every step count below follows from the rule, with one worker (or A2C) bit for bit.
final class ConfirmedStopTests: XCTestCase {
    /// A run of `Payout` with target 0.5 (its `threshold`, unless `target` is given); `next` gives
    /// the payout after each evaluation (by its index), and every evaluation report is collected.
    func train(_ algorithm: Algorithm, workers: Int, maxSteps: Int, confirmation: Int? = 10, interval: Int? = nil,
               target: Double? = nil, threshold: Double? = 0.5, spread: Double? = nil, standardErrors: Double? = nil,
               first: Double, next: @escaping (Int) -> Double) throws -> (TrainingResult, [EvaluationReport]) {
        let payout = Locked(first), episodes = Locked(0)
        let spec = EnvironmentSpec(id: "Payout-v0", maxEpisodeSteps: 10, rewardThreshold: threshold, make: {
            Payout(payout: payout, spread: spread.map { ($0, episodes) })
        })
        var h = Hyperparameters.defaults(for: "CartPole-v1", algorithm: algorithm)
        h.workers = workers
        h.tMax = 5
        h.maxSteps = maxSteps
        h.confirmationEpisodes = confirmation
        h.confirmationInterval = interval
        h.confirmationStandardErrors = standardErrors
        h.targetReturn = target
        var reports: [EvaluationReport] = []
        let result = try Trainer.train(spec: spec, hyperparameters: h, resumingFrom: nil, options: TrainingOptions(progressInterval: 1000)) { event in
            guard case .evaluation(let report) = event else { return }
            reports.append(report)
            payout.withLock { $0 = next(reports.count) }
        }
        return (result, reports)
    }

    /// The first confirmation falls short (0 < 0.5): training goes on for a new window of 100
    /// episodes (and 4 × the 10 evaluation steps), the second reaches the target and the run
    /// stops with the model it evaluated.
    func testAShortConfirmationLetsTrainingGoOnUntilOneReachesTheTarget() throws {
        for (algorithm, workers) in [(Algorithm.a3c, 1), (.a2c, 2)] {
            let (result, reports) = try train(algorithm, workers: workers, maxSteps: 10_000, first: 0, next: { _ in 1 })
            let name = "\(algorithm)"
            XCTAssertEqual(reports.map(\.confirmed), [false, true], name)
            XCTAssertEqual(reports.map(\.progress.steps), [100, 200], name)
            XCTAssertEqual(reports.map(\.summary.mean), [0, 1], name)
            XCTAssertEqual(reports.map(\.summary.returns.count), [10, 10], name)
            XCTAssertEqual(result.stopReason, .solved, name)
            XCTAssertEqual(result.steps, 200, "the run stops with the confirmed model (\(name))")
            XCTAssertEqual(result.solvedAt?.step, 200, name)
            XCTAssertEqual(result.evaluation, reports.last, name)
            XCTAssertTrue(reports[0].line.contains("< 0.5: training goes on"), reports[0].line)
            XCTAssertTrue(reports[1].line.contains("confirming evaluation at 200 steps (training mean100 1.0 ≥ 0.5)"), reports[1].line)
            XCTAssertTrue(result.summary.contains("confirmed by a deterministic evaluation: return 1.00"), result.summary)
        }
    }

    /// Two workers are both held while the calling thread evaluates: the run stops with the model
    /// of the confirming evaluation, whatever the threads did meanwhile.
    func testTwoWorkersStopWithTheConfirmedModel() throws {
        let (result, reports) = try train(.a3c, workers: 2, maxSteps: 100_000, first: 0, next: { _ in 1 })
        XCTAssertEqual(reports.map(\.confirmed), [false, true])
        XCTAssertEqual(result.stopReason, .solved)
        XCTAssertEqual(result.steps, reports[1].progress.steps)
        XCTAssertGreaterThanOrEqual(reports[1].progress.steps - reports[0].progress.steps, 100, "a new window of 100 episodes")
    }

    /// When the budget runs out after confirmations that fell short, the last model is evaluated on
    /// the same episodes and the run returns the best evaluated model: here the second confirmation's.
    func testBudgetEndReturnsTheBestEvaluatedModel() throws {
        // Payouts in eighths: their sums and means are exact.
        let (result, reports) = try train(.a3c, workers: 1, maxSteps: 250, first: 0.125, next: { [0.375, 0.25, 0][$0 - 1] })
        XCTAssertEqual(reports.map(\.summary.mean), [0.125, 0.375, 0.25])
        XCTAssertEqual(reports.map(\.confirmed), [false, false, nil])
        XCTAssertEqual(reports.map(\.progress.steps), [100, 200, 250])
        XCTAssertEqual(reports.last?.kind, .final(bestConfirmation: 0.375, bestSteps: 200, keptFinal: false))
        XCTAssertEqual(result.stopReason, .maxSteps)
        XCTAssertEqual(result.steps, 200, "the model of the second confirmation")
        XCTAssertEqual(result.evaluation, reports[1])
        XCTAssertNil(result.solvedAt)

        // A last model that scores at least as well as the best confirmation is the one returned.
        let (last, lastReports) = try train(.a3c, workers: 1, maxSteps: 250, first: 0.125, next: { [0.375, 0.4375, 0][$0 - 1] })
        XCTAssertEqual(lastReports.last?.kind, .final(bestConfirmation: 0.375, bestSteps: 200, keptFinal: true))
        XCTAssertEqual(last.steps, 250)
        XCTAssertEqual(last.evaluation, lastReports.last)
    }

    /// Without confirmation the run stops the moment the training mean100 reaches the target.
    func testWithoutConfirmationTheTrainingMeanStopsTheRun() throws {
        let (result, reports) = try train(.a3c, workers: 1, maxSteps: 10_000, confirmation: nil, first: 0, next: { _ in 0 })
        XCTAssertEqual(reports, [])
        XCTAssertEqual(result.stopReason, .solved)
        XCTAssertEqual(result.steps, 100)
        XCTAssertNil(result.evaluation)
    }

    /// With a confirmation interval, the update that crosses each multiple of it asks for a
    /// confirming evaluation although the training mean100 (1) stays below the target (2): the
    /// first scores 0 and training goes on, the second 3 and the run stops, solved, at its step.
    func testScheduledConfirmationsRunWhateverTheTrainingMean() throws {
        for (algorithm, workers) in [(Algorithm.a3c, 1), (.a2c, 2)] {
            let (result, reports) = try train(algorithm, workers: workers, maxSteps: 10_000, interval: 30, target: 2,
                                              first: 0, next: { _ in 3 })
            let name = "\(algorithm)"
            XCTAssertEqual(reports.map(\.confirmed), [false, true], name)
            XCTAssertEqual(reports.map(\.progress.steps), [30, 60], name)
            XCTAssertEqual(result.stopReason, .solved, name)
            XCTAssertEqual(result.steps, 60, name)
            XCTAssertEqual(result.evaluation, reports.last, name)
            XCTAssertTrue(reports[1].line.hasPrefix("scheduled confirming evaluation at 60 steps (training mean100 1.0): return 3.00"),
                          reports[1].line)
        }
        // Two workers: both are held at each crossing; the run stops with the model evaluated.
        let (result, reports) = try train(.a3c, workers: 2, maxSteps: 10_000, interval: 30, target: 2, first: 0, next: { _ in 3 })
        XCTAssertEqual(reports.map(\.confirmed), [false, true])
        XCTAssertEqual(result.steps, reports[1].progress.steps)
    }

    /// A task without a target still evaluates at each interval; none confirms, and at the end of
    /// the budget the run returns the best evaluated model (the second's, 0.375).
    func testScheduledEvaluationsWithoutATargetKeepTheBestModel() throws {
        for algorithm in Algorithm.allCases {
            let (result, reports) = try train(algorithm, workers: 1, maxSteps: 100, interval: 30, threshold: nil,
                                              first: 0.125, next: { [0.375, 0.25, 0, 0][$0 - 1] })
            let name = "\(algorithm)"
            XCTAssertEqual(reports.map(\.summary.mean), [0.125, 0.375, 0.25, 0], name)
            XCTAssertEqual(reports.map(\.confirmed), [false, false, false, nil], name)
            XCTAssertEqual(reports.map(\.progress.steps), [30, 60, 90, 100], name)
            XCTAssertEqual(reports.last?.kind, .final(bestConfirmation: 0.375, bestSteps: 60, keptFinal: false), name)
            XCTAssertEqual(result.stopReason, .maxSteps, name)
            XCTAssertEqual(result.steps, 60, "the model of the second evaluation (\(name))")
            XCTAssertTrue(reports[0].line.hasSuffix("over 10 episodes; no target: training goes on"), reports[0].line)
        }
    }

    /// Evaluations that pay 1.0 and 0.1 in turn: mean 0.55 ≥ 0.5, but less one standard error
    /// (0.45 / √10) 0.41 < 0.5, so with one standard error training goes on until a confirmation
    /// pays more; on the mean alone (the default) the first one confirms.
    func testAConfirmationCanBeAskedToReachTheTargetByAStandardError() throws {
        let (result, reports) = try train(.a3c, workers: 1, maxSteps: 10_000, spread: 0.45, standardErrors: 1, first: 0.55,
                                          next: { _ in 1 })
        XCTAssertEqual(reports.map(\.confirmed), [false, true])
        XCTAssertEqual(reports[0].summary.mean, 0.55, accuracy: 1e-12)
        XCTAssertEqual(reports[0].summary.standardError, 0.45 / 10.0.squareRoot(), accuracy: 1e-12)
        XCTAssertTrue(reports[0].line.contains("over 10 episodes, less 1 standard error 0.41 < 0.5: training goes on"), reports[0].line)
        XCTAssertEqual(result.stopReason, .solved)

        let (meanAlone, meanReports) = try train(.a3c, workers: 1, maxSteps: 10_000, spread: 0.45, first: 0.55, next: { _ in 1 })
        XCTAssertEqual(meanReports.map(\.confirmed), [true])
        XCTAssertEqual(meanAlone.steps, 100)
        XCTAssertTrue(meanReports[0].line.hasSuffix("over 10 episodes ≥ 0.5: confirmed"), meanReports[0].line)
    }

    func testConfirmationIntervalIsChecked() {
        var h = Hyperparameters.defaults(for: "CartPole-v1")
        XCTAssertNil(h.confirmationInterval, "off by default")
        XCTAssertEqual(Hyperparameters.defaults(for: "BipedalWalker-v3").confirmationInterval, 1_000_000)
        XCTAssertEqual(Hyperparameters.defaults(for: "Hopper-v4").confirmationInterval, 500_000)
        XCTAssertEqual(Hyperparameters.defaults(for: "Swimmer-v4").confirmationInterval, 500_000)
        XCTAssertNil(Hyperparameters.defaults(for: "HalfCheetah-v4").confirmationInterval)
        h.confirmationInterval = 0
        XCTAssertThrowsError(try h.validate()) { error in
            XCTAssertEqual("\(error)", "invalid hyperparameter: confirmation interval must be a positive number of steps, got 0")
        }
        XCTAssertEqual(h.confirmationStandardErrors, 1, "one standard error by default")
        var saved = try! JSONSerialization.jsonObject(with: JSONEncoder().encode(h)) as! [String: Any]
        saved["confirmationStandardErrors"] = nil
        let old = try! JSONDecoder().decode(Hyperparameters.self, from: JSONSerialization.data(withJSONObject: saved))
        XCTAssertNil(old.confirmationStandardErrors, "settings saved before the default resume on the mean alone")
        h.confirmationStandardErrors = -1
        XCTAssertThrowsError(try h.validate()) { error in
            XCTAssertEqual("\(error)", "invalid hyperparameter: confirmation standard errors must be a number ≥ 0, got -1.0")
        }
        h.confirmationStandardErrors = nil
        h.confirmationInterval = 1000
        h.confirmationEpisodes = nil
        XCTAssertThrowsError(try h.validate()) { error in
            XCTAssertTrue("\(error)".contains("needs confirming evaluations"), "\(error)")
        }
    }

    func testConfirmationEpisodesAreChecked() {
        var h = Hyperparameters.defaults(for: "CartPole-v1")
        XCTAssertEqual(h.confirmationEpisodes, 100, "on by default")
        h.confirmationEpisodes = 0
        XCTAssertThrowsError(try h.validate()) { error in
            XCTAssertEqual("\(error)", "invalid hyperparameter: confirmation episodes must be in 1...100000, got 0")
        }
    }
}

private extension EvaluationReport {
    /// Whether a confirming evaluation reached the target (nil for other kinds).
    var confirmed: Bool? {
        if case .confirmation(_, _, let confirmed, _, _) = kind { confirmed } else { nil }
    }
}
