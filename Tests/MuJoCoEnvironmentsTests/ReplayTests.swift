import Environments
import Foundation
@testable import MuJoCoEnvironments
import XCTest

/// gymnasium 1.4.0 on mujoco 2.2.2 recorded these episodes (`Benchmarks/mujoco_record.py`, seeds 0–2, 0–9 for
/// the pendulums); ours replays them from the recorded reset state.
final class ReplayTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    override class func setUp() {
        super.setUp()
        try! MuJoCoTasks.register()
    }

    /// Observations, rewards and flags identical to the bit (float64, numpy 1.x's arithmetic).
    func replayExactly<Task: MuJoCoTask>(_: Task.Type, file: StaticString = #filePath, line: UInt = #line) throws {
        let fixture = try Fixture(contentsOf: Self.fixtures.appendingPathComponent("\(Task.id).json"))
        XCTAssertEqual(fixture.env, Task.id, file: file, line: line)
        var steps = 0, maxRewardDeviation = 0.0
        for (index, episode) in fixture.episodes.enumerated() {
            var env = try MuJoCoEnvironment<Task>()
            _ = try env.setState(episode.initialState)
            XCTAssertEqual(env.exactObservation, episode.initialObservation, "episode \(index) reset", file: file, line: line)
            for (t, action) in episode.actions.enumerated() {
                let (_, result) = try env.step(action)
                XCTAssertEqual(env.exactObservation, episode.observations[t], "episode \(index) step \(t + 1)", file: file, line: line)
                XCTAssertEqual(result.terminated, episode.terminated[t], "episode \(index) step \(t + 1)", file: file, line: line)
                maxRewardDeviation = max(maxRewardDeviation, abs(result.reward - episode.rewards[t]))
                steps += 1
            }
        }
        XCTAssertEqual(maxRewardDeviation, 0, "\(Task.id)", file: file, line: line)
        XCTAssertGreaterThan(steps, 40, file: file, line: line)
    }

    func testInvertedPendulum() throws { try replayExactly(InvertedPendulumTask.self) }
    func testInvertedDoublePendulum() throws { try replayExactly(InvertedDoublePendulumTask.self) }
    func testReacher() throws { try replayExactly(ReacherTask.self) }
    func testSwimmer() throws { try replayExactly(SwimmerTask.self) }
    func testHopper() throws { try replayExactly(HopperTask.self) }
    func testHalfCheetah() throws { try replayExactly(HalfCheetahTask.self) }
    func testWalker2d() throws { try replayExactly(Walker2dTask.self) }
    func testAnt() throws { try replayExactly(AntTask.self) }

    /// The registry's path, as `a3c check-env` takes it (the time limit and truncation too): no deviation at all.
    func testEveryFixtureReplaysThroughTheRegistry() throws {
        for spec in MuJoCoTasks.specs {
            let report = try Fixture.replayRecording(at: Self.fixtures.appendingPathComponent("\(spec.id).json"), expecting: spec.id)
            XCTAssertTrue(report.passes(observationTolerance: 0, rewardTolerance: 0), report.summary(observationTolerance: 0, rewardTolerance: 0))
            XCTAssertGreaterThanOrEqual(report.episodes, 3)
        }
    }

    /// Reacher's 50-step limit ends each recorded episode with `truncated`.
    func testReacherRecordingsEndByTheTimeLimit() throws {
        let fixture = try Fixture(contentsOf: Self.fixtures.appendingPathComponent("Reacher-v4.json"))
        for episode in fixture.episodes {
            XCTAssertEqual(episode.actions.count, 50)
            XCTAssertEqual(episode.truncated.last, true)
        }
    }
}
