import Environments
import XCTest

final class TimeLimitTests: XCTestCase {
    func testPendulumTruncatesAtExactly200AndNeverTerminates() throws {
        var pendulum = limited(Pendulum())
        _ = pendulum.reset(seed: 11)
        for step in 1...200 {
            let result = try pendulum.step(.continuous([1])).result
            XCTAssertFalse(result.terminated)
            XCTAssertEqual(result.truncated, step == 200, "step \(step)")
            XCTAssertEqual(pendulum.elapsedSteps, step)
        }
        XCTAssertThrowsError(try pendulum.step(.continuous([1])))
    }

    func testEachEnvironmentTruncatesAtItsRegisteredLimit() throws {
        let idle: [(String, Action)] = [
            ("MountainCar-v0", .discrete(1)), ("MountainCarContinuous-v0", .continuous([0])), ("Acrobot-v1", .discrete(1)),
        ]
        for (type, action) in idle {
            var environment = try Registry.make(type)
            _ = environment.reset(seed: 5)
            var steps = 0
            var result = StepResult(reward: 0, terminated: false, truncated: false)
            while !result.done {
                result = try environment.step(action).result
                steps += 1
            }
            XCTAssertTrue(result.truncated, "\(type)")
            XCTAssertFalse(result.terminated, "\(type)")
            XCTAssertEqual(steps, try Registry.spec(environment.id).maxEpisodeSteps, "\(type)")
        }
    }

    func testTheLimitStepCanBeTerminatedAndTruncated() throws {
        var limit = TimeLimit(maxEpisodeSteps: 3)
        XCTAssertThrowsError(try limit.checkRunning(env: "X"))
        limit.startEpisode()
        XCTAssertFalse(limit.countStep(terminated: false))
        XCTAssertFalse(limit.countStep(terminated: false))
        XCTAssertTrue(limit.countStep(terminated: true))
        XCTAssertEqual(limit.phase, .ended)
        XCTAssertThrowsError(try limit.checkRunning(env: "X")) { XCTAssertEqual($0 as? EnvironmentError, .episodeEnded(env: "X")) }
    }

    func testSetStateRestartsTheCounter() throws {
        var car = limited(MountainCar())
        _ = car.reset(seed: 1)
        for _ in 0..<150 { _ = try car.step(.discrete(1)) }
        _ = try car.setState(car.state)
        XCTAssertEqual(car.elapsedSteps, 0)
        for _ in 0..<199 { XCTAssertFalse(try car.step(.discrete(1)).result.truncated) }
        XCTAssertTrue(try car.step(.discrete(1)).result.truncated)
    }

    func testRawEnvironmentsNeverTruncateAndAnyLimitIsHonoured() throws {
        var raw = MountainCar()
        _ = raw.reset(seed: 1)
        for _ in 0..<1_000 { XCTAssertFalse(try raw.step(.discrete(1)).result.done) }

        var short = TimeLimited(CartPole(), maxEpisodeSteps: 7, id: "ShortCartPole")
        XCTAssertThrowsError(try short.step(.discrete(0))) { XCTAssertEqual($0 as? EnvironmentError, .notReset(env: "ShortCartPole")) }
        _ = short.reset(seed: 3)
        for step in 1...7 { XCTAssertEqual(try short.step(.discrete(step % 2)).result.truncated, step == 7) }
        XCTAssertEqual(short.elapsedSteps, 7)
        XCTAssertThrowsError(try short.step(.discrete(0))) { XCTAssertEqual($0 as? EnvironmentError, .episodeEnded(env: "ShortCartPole")) }

        var unlimited = TimeLimited(MountainCar(), maxEpisodeSteps: nil)
        XCTAssertNil(unlimited.maxEpisodeSteps)
        _ = unlimited.reset(seed: 1)
        for _ in 0..<1_000 { XCTAssertFalse(try unlimited.step(.discrete(1)).result.done) }
    }
}
