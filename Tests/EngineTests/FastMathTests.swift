import XCTest
import CKernels
import Engine
import Foundation

/// The vectorised kernels (both the path this processor runs and the portable one) and the scalar
/// exponential against Foundation's functions, evaluated in Double, over the range that matters:
/// every float argument of exp that neither overflows nor flushes, |x| ≤ 20 for tanh and SiLU
/// (beyond it they equal ±1 and z·σ(z) ≈ max(z, 0) to float precision), densely near 0.
final class FastMathTests: XCTestCase {
    /// Arguments from −lower to upper: a fine grid, and 4,001 points within ±1e-3 of 0.
    func arguments(_ lower: Float, _ upper: Float, step: Float) -> [Float] {
        var xs: [Float] = []
        var x = lower
        while x <= upper { xs.append(x); x += step }
        xs += (-2000...2000).map { Float($0) * 5e-7 }
        xs += [0, -0.0, .leastNormalMagnitude, -.leastNormalMagnitude, 0.625, -0.625, 0.624_999_9, -0.624_999_9]
        return xs
    }

    /// The largest |fast − reference| / max(|reference|, floor) over `xs`.
    func worstRelativeError(_ xs: [Float], _ fast: [Float], _ reference: (Double) -> Double, floor: Double = 0) -> Double {
        var worst = 0.0
        for (x, y) in zip(xs, fast) {
            let r = reference(Double(x))
            worst = max(worst, abs(Double(y) - r) / max(abs(r), floor))
        }
        return worst
    }

    func map(_ xs: [Float], _ kernel: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) -> [Float] {
        var ys = [Float](repeating: .nan, count: xs.count)
        kernel(xs, &ys, xs.count)
        return ys
    }

    func silu(_ xs: [Float], _ kernel: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) -> (a: [Float], sigma: [Float]) {
        var z = xs, a = [Float](repeating: .nan, count: xs.count)
        kernel(&z, &a, xs.count)
        return (a, z)
    }

    func testExpWithinThreeUlpOfLibm() {
        let xs = arguments(-87, 88, step: 0.000_731)
        let ulp = Double(Float.ulpOfOne)
        for (name, ys) in [("dispatched", map(xs) { FastMath.exp($0, into: $1, count: $2) }),
                           ("portable", map(xs) { ck_portable_exp($0, $1, $2) }),
                           ("scalar", xs.map { FastMath.exp($0) })] {
            XCTAssertLessThan(worstRelativeError(xs, ys, Foundation.exp), 3 * ulp, "relative error of \(name) exp")
        }
    }

    func testTanhWithinThreeUlpOfLibm() {
        let xs = arguments(-20, 20, step: 0.000_173)
        let ulp = Double(Float.ulpOfOne)
        for (name, ys) in [("dispatched", map(xs) { FastMath.tanh($0, into: $1, count: $2) }),
                           ("portable", map(xs) { ck_portable_tanh($0, $1, $2) })] {
            XCTAssertLessThan(worstRelativeError(xs, ys, Foundation.tanh, floor: .leastNormalMagnitude), 3 * ulp,
                              "relative error of \(name) tanh")
        }
    }

    func testSiLUAndSigmoidWithinFourUlp() {
        let xs = arguments(-20, 20, step: 0.000_173)
        let ulp = Double(Float.ulpOfOne)
        let sigmoid = { (x: Double) in 1 / (1 + Foundation.exp(-x)) }
        for (name, result) in [("dispatched", silu(xs) { ck_silu_forward($0, $1, $2) }),
                               ("portable", silu(xs) { ck_portable_silu_forward($0, $1, $2) })] {
            XCTAssertLessThan(worstRelativeError(xs, result.sigma, sigmoid), 4 * ulp, "relative error of \(name) σ")
            // Relative to |z|·σ(z) away from 0, absolute (≤ 4 ulp of 1e-30) at 0.
            XCTAssertLessThan(worstRelativeError(xs, result.a, { $0 * sigmoid($0) }, floor: 1e-30), 4 * ulp,
                              "relative error of \(name) SiLU")
        }
    }

    func testEdgesSaturationAndNaN() {
        let xs: [Float] = [0, -200, 200, .infinity, -.infinity, .nan, 30, -30]
        for (name, kernel) in [("dispatched", ck_exp), ("portable", ck_portable_exp)] as [(String, (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int) -> Void)] {
            let e = map(xs) { kernel($0, $1, $2) }
            XCTAssertEqual(e[0], 1, name)
            XCTAssertEqual(e[1], FastMath.exp(-87.3), accuracy: 1e-40, "\(name): saturates below the range")
            XCTAssertEqual(e[2], FastMath.exp(88.3), "\(name): saturates above the range")
            XCTAssertTrue(e[3].isFinite && e[4] >= 0, name)
            XCTAssertTrue(e[5].isNaN, "\(name): NaN stays NaN")
        }
        for (name, kernel) in [("dispatched", ck_tanh), ("portable", ck_portable_tanh)] as [(String, (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int) -> Void)] {
            let t = map(xs) { kernel($0, $1, $2) }
            XCTAssertEqual(t[0], 0, name)
            XCTAssertEqual(Array(t[1...4]) + [t[6], t[7]], [-1, 1, 1, -1, 1, -1], name)
            XCTAssertTrue(t[5].isNaN, "\(name): NaN stays NaN")
        }
        XCTAssertTrue(FastMath.exp(Float.nan).isNaN)
        XCTAssertEqual(FastMath.exp(0), 1)
    }

    /// An element's result does not depend on where it sits (full chunk or padded tail), so any
    /// batch size gives bit-identical rows.
    func testResultIndependentOfPosition() {
        let xs = (0..<19).map { Float($0) * 0.37 - 3 }
        let whole = map(xs) { FastMath.tanh($0, into: $1, count: $2) }
        for offset in 1..<9 {
            let part = map(Array(xs[offset...])) { FastMath.tanh($0, into: $1, count: $2) }
            XCTAssertEqual(part, Array(whole[offset...]))
        }
    }
}
