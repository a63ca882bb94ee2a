import CKernels
@testable import Engine
import Foundation
import XCTest

/// OpenBLAS runs kernels that fit the CPU: on a CPU it does not know it would fall back to its SSE3
/// "Prescott" ones (a third of sgemm's speed on a Xeon of model 207), which the engine replaces
/// with Haswell's before main (the seeded pins in `SeededResultPinTests` then hold there too); and
/// the kernels compute the products.
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

    func testGemmMatchesALoopProduct() {
        let m = 37, n = 29, k = 53
        let a = (0..<(m * k)).map { Float(($0 * 7919) % 23) / 23 - 0.5 }
        let b = (0..<(k * n)).map { Float(($0 * 104_729) % 31) / 31 - 0.5 }
        var c = [Float](repeating: 0, count: m * n)
        BLAS.gemm(transA: false, transB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: n, beta: 0, c: &c, ldc: n)
        for i in 0..<m {
            for j in 0..<n {
                let expected = (0..<k).reduce(0.0) { $0 + Double(a[i * k + $1]) * Double(b[$1 * n + j]) }
                XCTAssertEqual(Double(c[i * n + j]), expected, accuracy: 1e-4, "C[\(i), \(j)]")
            }
        }
    }
}
