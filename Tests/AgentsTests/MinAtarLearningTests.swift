import XCTest
import Agents
import Environments
import SeededRandom

/// MinAtar's defaults learn: a short, seeded, one-worker run of Breakout (reproducible bit for bit)
/// returns the ball far more often than a random paddle does.
final class MinAtarLearningTests: XCTestCase {
    func testBreakoutsDefaultsLearnToReturnTheBall() throws {
        let id = "MinAtar/Breakout-v1"
        var h = Hyperparameters.defaults(for: id)
        XCTAssertEqual(h.torso, [.conv2d(filters: 16, kernel: 3, stride: 1), .dense(units: 128)])
        h.workers = 1
        h.maxSteps = 200_000
        let result = try Trainer.train(envID: id, hyperparameters: h)
        let late = result.episodes.suffix(100).map(\.episodeReturn)
        let learned = late.reduce(0, +) / Double(late.count)

        var env = try Registry.make(id)
        var generator = Xoshiro256(seed: 7)
        var random = 0.0
        for episode in 0..<200 {
            _ = env.reset(seed: episode == 0 ? 1 : nil)
            var done = false
            while !done {
                let (_, step) = try env.step(.discrete(generator.nextInt(below: 3)))
                random += step.reward
                done = step.terminated || step.truncated
            }
        }
        random /= 200
        XCTAssertLessThan(random, 1, "a random paddle scores about 0.5 a game")
        XCTAssertGreaterThan(learned, 3, "the last 100 episodes of 200k steps (a random paddle: \(random))")
    }
}
