import Agents
import Environments
import MuJoCoEnvironments
import XCTest

/// A3C learns a MuJoCo task with its defaults: one worker, a fixed seed (the same run bit for bit),
/// InvertedPendulum-v4 to its registered 950, confirmed by a deterministic evaluation.
final class LearningTests: XCTestCase {
    func testOneWorkerA3CBalancesTheInvertedPendulum() throws {
        try MuJoCoTasks.register()
        var h = Hyperparameters.defaults(for: "InvertedPendulum-v4")
        h.workers = 1
        h.maxSteps = 400_000
        let result = try Trainer.train(envID: "InvertedPendulum-v4", hyperparameters: h)
        XCTAssertEqual(result.stopReason, .solved, "mean100 \(result.finalMean100 ?? .nan) after \(result.steps) steps")
        let evaluation = try XCTUnwrap(result.evaluation)
        XCTAssertGreaterThanOrEqual(evaluation.summary.mean(lessStandardErrors: 1), 950)
    }
}
