import Environments
import Foundation
@testable import MuJoCoEnvironments
import XCTest

/// gymnasium draws reset noise from numpy's PCG64, which is not ours: the laws are checked instead, each
/// coordinate by a Kolmogorov–Smirnov test over 1,000 seeded resets (critical value at α = 0.001).
final class ResetNoiseTests: XCTestCase {
    static let resets = 1000
    static let critical = 1.95 / Double(resets).squareRoot()

    /// The offsets of `qpos` from `qpos0` and the velocities after each of `resets` seeded resets, per coordinate.
    func offsets<Task: MuJoCoTask>(_: Task.Type) throws -> [[Double]] {
        var env = try MuJoCoEnvironment<Task>()
        let reference = env.model.referencePositions
        var columns = [[Double]](repeating: [], count: env.model.positionCount + env.model.velocityCount)
        for seed in 0..<Self.resets {
            _ = env.reset(seed: UInt64(seed))
            for (i, value) in env.state.enumerated() {
                columns[i].append(i < reference.count ? value - reference[i] : value)
            }
        }
        return columns
    }

    /// The largest gap between the samples' empirical distribution and `cdf`.
    func ksStatistic(_ samples: [Double], _ cdf: (Double) -> Double) -> Double {
        let sorted = samples.sorted()
        let n = Double(sorted.count)
        return sorted.enumerated().reduce(0) { gap, entry in
            let f = cdf(entry.element)
            return max(gap, abs(f - Double(entry.offset) / n), abs(Double(entry.offset + 1) / n - f))
        }
    }

    func uniform(_ scale: Double) -> (Double) -> Double { { min(max(($0 + scale) / (2 * scale), 0), 1) } }
    func gaussian(_ sigma: Double) -> (Double) -> Double { { 0.5 * (1 + erf($0 / (sigma * 2.0.squareRoot()))) } }

    func check(_ columns: [[Double]], _ cdf: (Double) -> Double, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        for (i, column) in columns.enumerated() {
            let d = ksStatistic(column, cdf)
            XCTAssertLessThan(d, Self.critical, "\(label) coordinate \(i): KS statistic \(d)", file: file, line: line)
        }
    }

    func testUniformPositionsAndVelocities() throws {
        let cases: [(columns: [[Double]], scale: Double, label: String)] = [
            (try offsets(InvertedPendulumTask.self), 0.01, "InvertedPendulum"),
            (try offsets(SwimmerTask.self), 0.1, "Swimmer"),
            (try offsets(HopperTask.self), 5e-3, "Hopper"),
            (try offsets(Walker2dTask.self), 5e-3, "Walker2d"),
        ]
        for (columns, scale, label) in cases { check(columns, uniform(scale), label) }
    }

    /// Uniform positions, Gaussian velocities (`0.1 · N(0, 1)`).
    func testGaussianVelocities() throws {
        for (columns, nq, label) in [(try offsets(InvertedDoublePendulumTask.self), 3, "InvertedDoublePendulum"),
                                     (try offsets(HalfCheetahTask.self), 9, "HalfCheetah")] {
            check(Array(columns[..<nq]), uniform(0.1), label + " qpos")
            check(Array(columns[nq...]), gaussian(0.1), label + " qvel")
        }
    }

    /// The Ant's torso position and joint angles `U(±0.1)`, its velocities `0.1 · N(0, 1)`; its orientation
    /// quaternion gets the same noise, which MuJoCo's forward pass then normalises (as in gymnasium).
    func testAntsNoiseAndUnitQuaternion() throws {
        let columns = try offsets(AntTask.self)
        check(Array(columns[0..<3]) + Array(columns[7..<15]), uniform(0.1), "Ant qpos")
        check(Array(columns[15...]), gaussian(0.1), "Ant qvel")
        for row in 0..<Self.resets {
            let w = columns[3][row] + 1, x = columns[4][row], y = columns[5][row], z = columns[6][row]
            XCTAssertEqual(w * w + x * x + y * y + z * z, 1, accuracy: 1e-12)
        }
    }

    /// The arm's angles `U(±0.1)` and speeds `U(±0.005)`; the target uniform in the disc of radius 0.2 (its
    /// squared radius uniform, its angle uniform), at rest.
    func testReacherTargetIsUniformInItsDisc() throws {
        let columns = try offsets(ReacherTask.self)
        check(Array(columns[0..<2]), uniform(0.1), "Reacher arm qpos")
        check(Array(columns[4..<6]), uniform(0.005), "Reacher arm qvel")
        XCTAssertTrue(columns[6].allSatisfy { $0 == 0 } && columns[7].allSatisfy { $0 == 0 })
        let reference = try Reacher().model.referencePositions
        let goals = zip(columns[2], columns[3]).map { (x: $0 + reference[2], y: $1 + reference[3]) }
        XCTAssertTrue(goals.allSatisfy { ($0.x * $0.x + $0.y * $0.y).squareRoot() < 0.2 })
        check([goals.map { ($0.x * $0.x + $0.y * $0.y) / 0.04 }], { min(max($0, 0), 1) }, "Reacher goal radius²")
        check([goals.map { atan2($0.y, $0.x) }], { ($0 + .pi) / (2 * .pi) }, "Reacher goal angle")
    }

    /// The checks reject a wrong law: the Hopper's noise is not ten times wider.
    func testTheCheckRejectsAWrongScale() throws {
        let columns = try offsets(HopperTask.self)
        XCTAssertGreaterThan(ksStatistic(columns[0], uniform(5e-2)), Self.critical)
        XCTAssertGreaterThan(ksStatistic(columns[6], gaussian(5e-3)), Self.critical)
    }
}
