import XCTest
import Engine
import Foundation

final class SharedOptimizerTests: XCTestCase {
    let theta0: [Float] = [0.5, -1.0, 2.0]
    let gradients: [[Float]] = [[0.1, -0.2, 0.3], [0.05, 0.4, -0.3], [-0.2, 0.1, 0.0]]

    /// Parameters and gradients of `count` values: the three above, then more (so that the
    /// vectorised kernels run full eight-lane chunks as well as a padded tail).
    func problem(count: Int) -> (theta: [Float], gradients: [[Float]]) {
        let extra = (3..<count).map { Float($0 % 7) * 0.3 - 1 }
        return (theta0 + extra, gradients.enumerated().map { t, g in g + (3..<count).map { Float(($0 * 5 + t) % 11) * 0.07 - 0.35 } })
    }

    /// Adam (Kingma & Ba) with PyTorch's placement of ε, computed in Double.
    func testAdamFollowsThePublishedRule() {
        for count in [3, 19] { checkAdam(count: count) }
    }

    func checkAdam(count: Int) {
        let (theta0, gradients) = problem(count: count)
        let lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8
        var theta = theta0.map(Double.init), m = [Double](repeating: 0, count: count), v = m
        let optimizer = SharedOptimizer(rule: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), mode: .locked, initialParameters: theta0)
        for (t, g) in gradients.enumerated() {
            optimizer.apply(gradient: g, learningRate: Float(lr))
            for i in 0..<count {
                let gi = Double(g[i])
                m[i] = b1 * m[i] + (1 - b1) * gi
                v[i] = b2 * v[i] + (1 - b2) * gi * gi
                let mHat = m[i] / (1 - pow(b1, Double(t + 1))), vHat = v[i] / (1 - pow(b2, Double(t + 1)))
                theta[i] -= lr * mHat / (vHat.squareRoot() + eps)
            }
        }
        for (a, e) in zip(optimizer.parameterArray(), theta) { XCTAssertEqual(Double(a), e, accuracy: 1e-6, "\(count) parameters") }
        XCTAssertEqual(optimizer.stepCount, 3)
    }

    /// RMSProp as written in the A3C paper: g ← αg + (1−α)Δ², θ ← θ − ηΔ/√(g + ε).
    func testRMSPropFollowsThePaperRule() {
        for count in [3, 19] { checkRMSProp(count: count) }
    }

    func checkRMSProp(count: Int) {
        let (theta0, gradients) = problem(count: count)
        let lr = 0.007, alpha = 0.99, eps = 0.1
        var theta = theta0.map(Double.init), g2 = [Double](repeating: 0, count: count)
        let optimizer = SharedOptimizer(rule: .rmsprop(alpha: 0.99, epsilon: 0.1), mode: .hogwild, initialParameters: theta0)
        for g in gradients {
            optimizer.apply(gradient: g, learningRate: Float(lr))
            for i in 0..<count {
                let gi = Double(g[i])
                g2[i] = alpha * g2[i] + (1 - alpha) * gi * gi
                theta[i] -= lr * gi / (g2[i] + eps).squareRoot()
            }
        }
        for (a, e) in zip(optimizer.parameterArray(), theta) { XCTAssertEqual(Double(a), e, accuracy: 1e-6, "\(count) parameters") }
    }

    /// A parameter whose gradient stays 0 (a dead ReLU unit) has moments that decay towards 0:
    /// they must reach 0 without passing through subnormal floats (tens of times slower on x86),
    /// in the eight-lane chunks and in the tail alike, for Adam and RMSProp.
    func testDecayingMomentsSkipSubnormalFloats() {
        let count = 19, theta = [Float](repeating: 1, count: count)
        let first = [Float](repeating: 0.5, count: count), zero = [Float](repeating: 0, count: count)
        for rule in [OptimizerRule.adam(), .rmsprop(alpha: 0.9, epsilon: 0.1)] {
            let optimizer = SharedOptimizer(rule: rule, mode: .locked, initialParameters: theta)
            optimizer.apply(gradient: first, learningRate: 1e-3)
            var reachedZero = false
            for _ in 0..<2_000 {
                optimizer.apply(gradient: zero, learningRate: 1e-3)
                let moment = optimizer.snapshot().state.firstMoment
                XCTAssertFalse(moment.contains { $0 != 0 && abs($0) < .leastNormalMagnitude }, "\(rule): a subnormal moment")
                reachedZero = reachedZero || moment.allSatisfy { $0 == 0 }
            }
            XCTAssertTrue(reachedZero, "\(rule): the moment decays to 0 within 2,000 updates")
        }
    }

    func testSGD() {
        let optimizer = SharedOptimizer(rule: .sgd, mode: .locked, initialParameters: theta0)
        optimizer.apply(gradient: gradients[0], learningRate: 0.5)
        XCTAssertEqual(optimizer.parameterArray(), [0.45, -0.9, 1.85])
    }

    /// Locked mode loses no update when many threads apply at once.
    func testLockedModeSerialisesConcurrentUpdates() {
        let count = 1000
        let optimizer = SharedOptimizer(rule: .sgd, mode: .locked, initialParameters: [Float](repeating: 0, count: count))
        let ones = [Float](repeating: 1, count: count)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<250 { optimizer.apply(gradient: ones, learningRate: 1) }
        }
        XCTAssertEqual(optimizer.stepCount, 1000)
        XCTAssertEqual(optimizer.parameterArray(), [Float](repeating: -1000, count: count))
    }

    func testGlobalNormClipping() {
        var g: [Float] = [3, 4]
        let norm = g.withUnsafeMutableBufferPointer { GradientClipping.clipGlobalNorm($0, maxNorm: 1) }
        XCTAssertEqual(norm, 5, accuracy: 1e-6)
        XCTAssertEqual(g[0], 0.6, accuracy: 1e-5)
        XCTAssertEqual(g[1], 0.8, accuracy: 1e-5)
        var small: [Float] = [0.3, 0.4]
        _ = small.withUnsafeMutableBufferPointer { GradientClipping.clipGlobalNorm($0, maxNorm: 1) }
        XCTAssertEqual(small, [0.3, 0.4], "a gradient within the norm is left alone")
    }
}
