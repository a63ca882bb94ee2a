import Environments
import SeededRandom
import XCTest

final class ContinuousActionTests: XCTestCase {
    func testPendulumClipsTorqueToTwo() throws {
        var clipped = Pendulum()
        var bounded = Pendulum()
        for (outside, bound) in [(Float(7), Float(2)), (-3.5, -2)] {
            _ = try clipped.setState([0.3, -0.2])
            _ = try bounded.setState([0.3, -0.2])
            let a = try clipped.step(.continuous([outside]))
            let b = try bounded.step(.continuous([bound]))
            XCTAssertEqual(a.observation, b.observation)
            XCTAssertEqual(a.result, b.result)
        }
    }

    func testMountainCarContinuousClipsTheForceButCostsTheGivenAction() throws {
        var clipped = MountainCarContinuous()
        var bounded = MountainCarContinuous()
        _ = try clipped.setState([-0.5, 0.01])
        _ = try bounded.setState([-0.5, 0.01])
        let a = try clipped.step(.continuous([3]))
        let b = try bounded.step(.continuous([1]))
        XCTAssertEqual(a.observation, b.observation)
        XCTAssertEqual(a.result.reward, -0.9, accuracy: 1e-12)
        XCTAssertEqual(b.result.reward, -0.1, accuracy: 1e-12)
    }

    func testMountainCarContinuousRewardsTheGoal() throws {
        var car = MountainCarContinuous()
        _ = try car.setState([0.449, 0.02])
        let step = try car.step(.continuous([0.5]))
        XCTAssertTrue(step.result.terminated)
        XCTAssertEqual(step.result.reward, 100 - 0.025, accuracy: 1e-12)
    }

    func testSampledActionsLieInTheirSpaces() {
        var rng = Xoshiro256(seed: 8)
        let box = BoxSpace(low: [-2, 0], high: [2, 0.5])
        var buffer: [Float] = [0, 0]
        var seen = Set<Int>()
        for _ in 0..<1000 {
            buffer.withUnsafeMutableBufferPointer { ActionSpace.box(box).sampleContinuous(using: &rng, into: $0) }
            XCTAssertTrue(box.contains(buffer), "\(buffer)")
            seen.insert(ActionSpace.discrete(3).sampleDiscrete(using: &rng))
        }
        XCTAssertEqual(seen, [0, 1, 2])
    }
}
