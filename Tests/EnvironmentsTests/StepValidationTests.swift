import Environments
import XCTest

final class StepValidationTests: XCTestCase {
    func assertThrows(_ expression: @autoclosure () throws -> Any, mentions words: [String], file: StaticString = #filePath, line: UInt = #line) -> EnvironmentError? {
        do {
            _ = try expression()
            XCTFail("expected an error mentioning \(words)", file: file, line: line)
            return nil
        } catch {
            let message = "\(error)"
            for word in words { XCTAssertTrue(message.contains(word), "\"\(message)\" does not mention \(word)", file: file, line: line) }
            return error as? EnvironmentError
        }
    }

    func testDiscreteActionsOutOfRangeThrowNamingEnvActionAndSpace() {
        var cartPole = CartPole()
        _ = cartPole.reset(seed: 0)
        _ = assertThrows(try cartPole.step(.discrete(2)), mentions: ["CartPole-v1", "action 2", "Discrete(2)"])
        _ = assertThrows(try cartPole.step(.discrete(-1)), mentions: ["CartPole-v1", "action -1", "Discrete(2)"])
        _ = assertThrows(try cartPole.step(.continuous([1])), mentions: ["CartPole-v1", "[1.0]", "Discrete(2)"])
        var acrobot = Acrobot()
        _ = acrobot.reset(seed: 0)
        _ = assertThrows(try acrobot.step(.discrete(3)), mentions: ["Acrobot-v1", "action 3", "Discrete(3)"])
        XCTAssertNoThrow(try cartPole.step(.discrete(1)), "a refused action must not end the episode")
    }

    func testContinuousActionsOfWrongLengthOrNotFiniteThrow() {
        var pendulum = Pendulum()
        _ = pendulum.reset(seed: 0)
        _ = assertThrows(try pendulum.step(.continuous([1, 2])), mentions: ["Pendulum-v1", "[1.0, 2.0]", "Box", "1 component"])
        _ = assertThrows(try pendulum.step(.continuous([])), mentions: ["Pendulum-v1", "Box"])
        _ = assertThrows(try pendulum.step(.continuous([.nan])), mentions: ["Pendulum-v1", "nan", "finite"])
        _ = assertThrows(try pendulum.step(.continuous([-.infinity])), mentions: ["Pendulum-v1", "inf", "finite"])
        _ = assertThrows(try pendulum.step(.discrete(0)), mentions: ["Pendulum-v1", "action 0", "Box"])
        var car = MountainCarContinuous()
        _ = car.reset(seed: 0)
        _ = assertThrows(try car.step(.continuous([.infinity])), mentions: ["MountainCarContinuous-v0", "finite"])
    }

    func testStepBeforeResetThrows() {
        var cartPole = limited(CartPole())
        XCTAssertEqual(assertThrows(try cartPole.step(.discrete(0)), mentions: ["CartPole-v1", "before the first reset"]), .notReset(env: "CartPole-v1"))
        var pendulum = try! Registry.make("Pendulum-v1")
        XCTAssertEqual(assertThrows(try pendulum.step(.continuous([0])), mentions: ["Pendulum-v1"]), .notReset(env: "Pendulum-v1"))
    }

    func testStepAfterTerminationThrowsUntilReset() throws {
        var cartPole = limited(CartPole())
        _ = cartPole.reset(seed: 3)
        var result = try cartPole.step(.discrete(1)).result
        while !result.done { result = try cartPole.step(.discrete(1)).result }
        XCTAssertTrue(result.terminated)
        XCTAssertEqual(result.reward, 1, "the terminating step is rewarded too")
        XCTAssertEqual(assertThrows(try cartPole.step(.discrete(1)), mentions: ["CartPole-v1", "ended"]), .episodeEnded(env: "CartPole-v1"))
        _ = cartPole.reset(seed: nil)
        XCTAssertNoThrow(try cartPole.step(.discrete(1)))
    }

    func testSetStateValidatesLengthAndFiniteness() {
        var pendulum = Pendulum()
        _ = assertThrows(try pendulum.setState([1, 2, 3]), mentions: ["Pendulum-v1", "2 finite values"])
        _ = assertThrows(try pendulum.setState([.nan, 0]), mentions: ["Pendulum-v1", "nan"])
        var acrobot = Acrobot()
        _ = assertThrows(try acrobot.setState([0, 0, .infinity, 0]), mentions: ["Acrobot-v1", "4 finite values"])
        XCTAssertEqual(try pendulum.setState([0, 0.5]), [1, 0, 0.5])
    }
}
