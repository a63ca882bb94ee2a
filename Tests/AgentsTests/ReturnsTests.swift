import XCTest
import Agents

final class ReturnsTests: XCTestCase {
    let rewards: [Float] = [1, 1, 1]
    let values: [Float] = [0.5, 0.4, 0.3]

    func nStep(bootstrap: Float, gamma: Float = 0.9) -> (returns: [Float], advantages: [Float]) {
        var returns = [Float](repeating: 0, count: 3), advantages = returns
        Returns.nStep(rewards: rewards, values: values, count: 3, bootstrap: bootstrap, gamma: gamma,
                      returns: &returns, advantages: &advantages)
        return (returns, advantages)
    }

    /// Cut by tMax or truncated by the time limit: the last state's value is carried back, discounted every step.
    func testNStepReturnsBootstrapFromTheValueOfTheLastState() {
        let (returns, advantages) = nStep(bootstrap: 2)
        // R2 = 1 + 0.9·2 = 2.8; R1 = 1 + 0.9·2.8 = 3.52; R0 = 1 + 0.9·3.52 = 4.168
        assertClose(returns, [4.168, 3.52, 2.8])
        assertClose(advantages, [4.168 - 0.5, 3.52 - 0.4, 2.8 - 0.3])
    }

    /// Terminated: nothing follows the last state.
    func testNStepReturnsOfATerminatedEpisodeStopAtTheEnd() {
        assertClose(nStep(bootstrap: 0).returns, [2.71, 1.9, 1])
    }

    /// GAE with λ = 1 is the n-step advantage; with λ = 0 it is the one-step TD error.
    func testGAEEndpointsAndAHandComputedCase() {
        for (lambda, expected) in [(Float(1), [4.168 - 0.5, 3.52 - 0.4, 2.8 - 0.3]),
                                   (Float(0), [1 + 0.9 * 0.4 - 0.5, 1 + 0.9 * 0.3 - 0.4, 1 + 0.9 * 2 - 0.3])] {
            var returns = [Float](repeating: 0, count: 3), advantages = returns
            Returns.gae(rewards: rewards, values: values, count: 3, bootstrap: 2, gamma: 0.9, lambda: lambda,
                        returns: &returns, advantages: &advantages)
            assertClose(advantages, expected.map(Float.init))
            assertClose(returns, zip(advantages, values).map { $0 + $1 })
        }
        // λ = 0.5: δ = [0.86, 0.87, 2.5]; A2 = 2.5, A1 = 0.87 + 0.45·2.5 = 1.995, A0 = 0.86 + 0.45·1.995 = 1.75775
        var returns = [Float](repeating: 0, count: 3), advantages = returns
        Returns.gae(rewards: rewards, values: values, count: 3, bootstrap: 2, gamma: 0.9, lambda: 0.5,
                    returns: &returns, advantages: &advantages)
        assertClose(advantages, [1.75775, 1.995, 2.5])
    }

    /// An A2C rollout is time-major [T × N]: environment 1 of 2 ends its episode at step 0, so
    /// nothing of steps 1–2 (a new episode) flows back into step 0.
    func testStridedReturnsStopAtEpisodeEnds() {
        let rewards: [Float] = [5, 1, 7, 1, 9, 1], values = [Float](repeating: 0, count: 6)
        let ends: [Bool] = [false, true, false, false, false, false]
        var returns = [Float](repeating: 0, count: 6), advantages = returns
        for i in 0..<2 {
            rewards.withUnsafeBufferPointer { r in values.withUnsafeBufferPointer { v in ends.withUnsafeBufferPointer { e in
                returns.withUnsafeMutableBufferPointer { ret in advantages.withUnsafeMutableBufferPointer { adv in
                    Returns.nStep(rewards: r.baseAddress! + i, values: v.baseAddress! + i, count: 3, stride: 2,
                                  episodeEnds: e.baseAddress! + i, bootstrap: 10, gamma: 0.5,
                                  returns: ret.baseAddress! + i, advantages: adv.baseAddress! + i)
                } }
            } } }
        }
        // env 0: R2 = 9 + 5 = 14, R1 = 7 + 7 = 14, R0 = 5 + 7 = 12; env 1: R2 = 1 + 5 = 6, R1 = 1 + 3 = 4, R0 = 1 (ended).
        assertClose(returns, [12, 1, 14, 4, 14, 6])
    }

    func testAdvantageNormalisation() {
        var a: [Float] = [1, 2, 3, 4]
        Returns.normalize(&a, count: 4)
        XCTAssertEqual(a.reduce(0, +), 0, accuracy: 1e-5)
        XCTAssertEqual(a.map { $0 * $0 }.reduce(0, +) / 4, 1, accuracy: 1e-4)
    }

    func assertClose(_ a: [Float], _ b: [Float], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-4, "\(a) vs \(b)", file: file, line: line) }
    }
}
