import Environments
import XCTest

final class ResetTests: XCTestCase {
    static let prototypes: [any Environment & Sendable] = [CartPole(), Acrobot(), MountainCar(), MountainCarContinuous(), Pendulum()]

    func testSameSeedSameEpisodeAndNilSeedContinuesTheGenerator() {
        for prototype in Self.prototypes {
            let type = Swift.type(of: prototype)
            var a = prototype
            var b = prototype
            let first = a.reset(seed: 42)
            XCTAssertEqual(first, b.reset(seed: 42), "\(type)")
            XCTAssertNotEqual(first, b.reset(seed: 43), "\(type)")
            _ = b.reset(seed: 42)
            let next = a.reset(seed: nil)
            XCTAssertEqual(next, b.reset(seed: nil), "\(type)")
            XCTAssertNotEqual(next, first, "\(type)")
        }
    }

    /// Checks every state component over many resets: inside `range`, and spread over most of it.
    func checkResetDistribution<E: ReplayableEnvironment>(_ prototype: E, ranges: [ClosedRange<Double>], file: StaticString = #filePath, line: UInt = #line) {
        var environment = prototype
        var lowest = [Double](repeating: .infinity, count: ranges.count)
        var highest = [Double](repeating: -.infinity, count: ranges.count)
        _ = environment.reset(seed: 1)
        for _ in 0..<2000 {
            _ = environment.reset(seed: nil)
            let state = environment.state
            XCTAssertEqual(state.count, ranges.count, file: file, line: line)
            for (i, value) in state.enumerated() {
                XCTAssertTrue(ranges[i].contains(value), "\(E.self) component \(i) = \(value) outside \(ranges[i])", file: file, line: line)
                lowest[i] = min(lowest[i], value)
                highest[i] = max(highest[i], value)
            }
        }
        for (i, range) in ranges.enumerated() {
            let width = range.upperBound - range.lowerBound
            XCTAssertLessThanOrEqual(lowest[i], range.lowerBound + 0.05 * width, "\(E.self) component \(i)", file: file, line: line)
            XCTAssertGreaterThanOrEqual(highest[i], range.upperBound - 0.05 * width, "\(E.self) component \(i)", file: file, line: line)
        }
    }

    func testResetDistributionsMatchGymnasium() {
        checkResetDistribution(CartPole(), ranges: Array(repeating: -0.05...0.05, count: 4))
        checkResetDistribution(Acrobot(), ranges: Array(repeating: -0.1...0.1, count: 4))
        checkResetDistribution(MountainCar(), ranges: [-0.6 ... -0.4, 0...0])
        checkResetDistribution(MountainCarContinuous(), ranges: [-0.6 ... -0.4, 0...0])
        checkResetDistribution(Pendulum(), ranges: [-Double.pi...Double.pi, -1...1])
    }

    func testAcrobotResetStateIsSinglePrecision() {
        var acrobot = Acrobot()
        _ = acrobot.reset(seed: 9)
        for value in acrobot.state { XCTAssertEqual(Double(Float(value)), value) }
    }
}
