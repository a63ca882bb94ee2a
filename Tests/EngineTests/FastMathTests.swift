import XCTest
import Engine
import Foundation

final class FastMathTests: XCTestCase {
    func testExpSigmoidTanhMatchLibm() {
        var worstExp: Float = 0, worstTanh: Float = 0, worstSigmoid: Float = 0
        var x: Float = -87
        while x < 88 {
            worstExp = max(worstExp, abs(FastMath.exp(x) - Foundation.exp(x)) / Foundation.exp(x))
            worstTanh = max(worstTanh, abs(FastMath.tanh(x) - Foundation.tanh(x)))
            worstSigmoid = max(worstSigmoid, abs(FastMath.sigmoid(x) - 1 / (1 + Foundation.exp(-x))))
            x += 0.0137
        }
        XCTAssertLessThan(worstExp, 4e-7, "relative error of exp")
        XCTAssertLessThan(worstTanh, 3e-7, "absolute error of tanh")
        XCTAssertLessThan(worstSigmoid, 2e-7, "absolute error of sigmoid")
        XCTAssertEqual(FastMath.exp(0), 1)
        XCTAssertEqual(FastMath.tanh(-30), -1)
        XCTAssertEqual(FastMath.exp(-200), FastMath.exp(-87.3), "saturates below the range")
    }
}

extension FastMathTests {
    func testNaNPropagates() {
        XCTAssertTrue(FastMath.exp(.nan).isNaN)
        XCTAssertTrue(FastMath.tanh(.nan).isNaN)
    }
}
