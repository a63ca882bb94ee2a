import CKernels
import Engine
import Foundation
import XCTest

/// OpenBLAS runs kernels that fit the CPU: on a CPU it does not know it would fall back to its SSE3
/// "Prescott" ones (a third of sgemm's speed on a Xeon of model 207), which the engine replaces
/// with Haswell's before main (the seeded pins in `SeededResultPinTests` then hold there too; the
/// products themselves are checked against a Double reference in `LinearTests`).
final class BLASTests: XCTestCase {
    func testOpenBLASDoesNotRunItsSSE3FallbackOnACPUWithAVX2() throws {
        try XCTSkipIf(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] != nil, "OPENBLAS_CORETYPE chose the kernels")
        try XCTSkipUnless(FastMath.usesAVX2, "no AVX2 + FMA: the SSE3 kernels are this CPU's")
        XCTAssertFalse(BLAS.kernels.hasPrefix("Prescott"), BLAS.kernels)
        if let replaced = ck_openblas_replaced_core() {
            XCTAssertEqual(String(cString: replaced), "Prescott")
            XCTAssertEqual(BLAS.kernels, "Haswell (replacing Prescott)")
        }
    }
}
