import CMuJoCo
import Environments
@testable import MuJoCoEnvironments
import SeededRandom
import XCTest

/// Errors come back as thrown errors, never a process exit; copies, seeds and resets behave as values should.
final class SimulationTests: XCTestCase {
    func testAModelMuJoCoRefusesThrowsItsMessage() {
        let broken = ModelFile(name: "broken.xml", xml: "<mujoco><worldbody><geom type=\"sphere\"/></worldbody></mujoco>")
        XCTAssertThrowsError(try MuJoCoModel(broken)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("broken.xml") && text.contains("cannot compile"), text)
        }
        let notXML = ModelFile(name: "garbage.xml", xml: "this is not MJCF")
        XCTAssertThrowsError(try MuJoCoModel(notXML))
    }

    func testMuJoCoErrorsReturnToTheCaller() {
        var message = [CChar](repeating: 0, count: 200)
        XCTAssertEqual(cmj_raise_error_for_testing("deliberate failure", &message, Int32(message.count)), -1)
        XCTAssertEqual(text(message), "deliberate failure")
        // The handler is left in a usable state: a second error is caught the same way.
        XCTAssertEqual(cmj_raise_error_for_testing("again", &message, Int32(message.count)), -1)
        XCTAssertEqual(text(message), "again")
    }

    /// A velocity MuJoCo calls bad (|v| > 1e10) makes it warn and reset its data: the step throws, the next
    /// step throws until a reset, and the reset works.
    func testAnUnstableStepThrowsAndEndsTheEpisode() throws {
        var env = try Hopper()
        var state = env.reset(seed: 1)
        XCTAssertEqual(state.count, 11)
        var bad = env.state
        bad[6] = 1e12
        _ = try env.setState(bad)
        XCTAssertThrowsError(try env.step(.continuous([0, 0, 0]))) { error in
            guard case let .simulationFailed(_, reason)? = error as? EnvironmentError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("warning") && reason.contains("reset"), reason)
        }
        XCTAssertThrowsError(try env.step(.continuous([0, 0, 0])))
        state = env.reset(seed: 1)
        XCTAssertNoThrow(try env.step(.continuous([0, 0, 0])))
        XCTAssertTrue(state.allSatisfy(\.isFinite))
    }

    func testInvalidActionsAndStatesAreRefused() throws {
        var env = try HalfCheetah()
        _ = env.reset(seed: 0)
        XCTAssertThrowsError(try env.step(.continuous([0, 0])))
        XCTAssertThrowsError(try env.step(.continuous([0, 0, .nan, 0, 0, 0])))
        XCTAssertThrowsError(try env.step(.discrete(1)))
        XCTAssertThrowsError(try env.setState([Double](repeating: 0, count: 17)))
        XCTAssertThrowsError(try env.setState([Double](repeating: .infinity, count: 18)))
    }

    func testTheSameSeedGivesTheSameEpisodeBitForBit() throws {
        func run(seed: UInt64) throws -> [Float] {
            var env = try Ant()
            var trace = env.reset(seed: seed)
            var actions = Xoshiro256(seed: 9)
            for _ in 0..<50 {
                let (obs, result) = try env.step(.continuous((0..<8).map { _ in Float(actions.uniform(-1, 1)) }))
                trace += obs + [Float(result.reward)]
                if result.terminated { break }
            }
            return trace
        }
        XCTAssertEqual(try run(seed: 3).map(\.bitPattern), try run(seed: 3).map(\.bitPattern))
        XCTAssertNotEqual(try run(seed: 3), try run(seed: 4))
    }

    /// A copy owns its own simulation: stepping one leaves the other where it was.
    func testCopiesAreIndependent() throws {
        var a = try Walker2d()
        _ = a.reset(seed: 2)
        var b = a
        let action = Action.continuous([0.5, -0.5, 0.2, 0.1, -0.3, 0.4])
        let fromA = try a.step(action)
        XCTAssertEqual(b.state.count, 18)
        let fromB = try b.step(action)
        XCTAssertEqual(fromA.observation, fromB.observation)
        XCTAssertEqual(fromA.result, fromB.result)
        _ = try a.step(action)
        XCTAssertNotEqual(a.state, b.state)
    }

    /// Every task resets to a finite first observation of its size and steps with a zero action.
    func testEveryTaskResetsAndSteps() throws {
        for spec in MuJoCoTasks.specs {
            var env = spec.make()
            let first = env.reset(seed: 0)
            XCTAssertEqual(first.count, env.observationSpace.size, spec.id)
            XCTAssertTrue(first.allSatisfy(\.isFinite), spec.id)
            let (next, result) = try env.step(.continuous([Float](repeating: 0, count: env.actionSpace.size)))
            XCTAssertTrue(next.allSatisfy(\.isFinite) && result.reward.isFinite, spec.id)
        }
    }
}
