import CBLAS
import CKernels

/// Thin, row-major wrappers over OpenBLAS: the only place the engine calls BLAS.
public enum BLAS {
    /// Sets OpenBLAS's thread count for the whole process. Workers that parallelise by
    /// themselves (A3C) set 1 so that BLAS never oversubscribes the cores.
    public static func setThreads(_ count: Int) {
        precondition(count >= 1, "BLAS thread count must be at least 1, got \(count)")
        openblas_set_num_threads(Int32(count))
    }

    /// OpenBLAS's kernels in this process, e.g. "Haswell", and the fallback they replaced before
    /// main when OpenBLAS did not know the CPU (CKernels' `OpenBLASCore.c`): "Haswell (replacing Prescott)".
    public static var kernels: String {
        let name = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        return ck_openblas_replaced_core().map { "\(name) (replacing \(String(cString: $0)))" } ?? name
    }

    /// C = alpha · op(A) · op(B) + beta · C, row-major; `m × n` result, `k` the inner size.
    /// `lda`, `ldb`, `ldc` are the row strides of A, B, C as stored (before transposition).
    @inlinable @inline(__always)
    public static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// y = alpha · op(A) · x + beta · y for a row-major `m × n` matrix A.
    @inlinable @inline(__always)
    public static func gemv(
        trans: Bool, m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemv(CblasRowMajor, trans ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha, a, Int32(lda),
                    x, 1, beta, y, 1)
    }
}
