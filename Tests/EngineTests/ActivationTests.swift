import XCTest
import Engine

final class ActivationTests: XCTestCase {
    func testBackwardMatchesFiniteDifferences() {
        for activation in Activation.allCases {
            for count in [1, 5, 32] {
                // Keep ReLU's inputs away from its kink, where finite differences are meaningless.
                let z = Buffer(randomFloats(count, seed: 11, scale: 3).map { activation == .relu && abs($0) < 0.05 ? $0 + 0.1 : $0 })
                let r = randomFloats(count, seed: 12)
                var a = [Float](repeating: 0, count: count), saved = a
                func loss() -> Double {
                    saved = z.array  // forward may overwrite its input with what backward needs
                    activation.forward(&saved, &a, count: count)
                    return zip(a, r).reduce(0) { $0 + Double($1.0) * Double($1.1) }
                }
                _ = loss()
                var grad = r
                activation.backward(saved, a, grad: &grad, count: count)
                let numeric = z.numericalGradient(of: loss, step: 1e-3)
                assertGradientsMatch(grad.map(Double.init), numeric, "\(activation) with \(count) elements")
            }
        }
    }

    func testForwardValues() {
        let z: [Float] = [-2, 0, 1.5]
        var a = [Float](repeating: 0, count: 3), saved = z
        Activation.silu.forward(&saved, &a, count: 3)
        for (ai, zi) in zip(a, z) { XCTAssertEqual(ai, zi / (1 + exp(-zi)), accuracy: 1e-6) }
        for (si, zi) in zip(saved, z) { XCTAssertEqual(si, 1 / (1 + exp(-zi)), accuracy: 1e-6, "SiLU keeps σ(z)") }
        saved = z
        Activation.relu.forward(&saved, &a, count: 3)
        XCTAssertEqual(a, [0, 0, 1.5])
        XCTAssertEqual(saved, z)
        Activation.tanh.forward(&saved, &a, count: 3)
        XCTAssertEqual(a[2], tanh(1.5), accuracy: 1e-6)
    }
}
