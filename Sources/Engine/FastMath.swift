import CKernels

/// Fast float exponential and tanh: one value inline for the policy heads' per-row loops, whole
/// buffers through the vectorised `CKernels` (eight lanes with AVX2 + FMA where the processor has
/// them). Relative error within a few ulp of libm's over the whole finite range (tested).
public enum FastMath {
    /// eˣ: Cody–Waite range reduction x = n·ln2 + r, a degree-6 polynomial for eʳ (Cephes'
    /// `expf` coefficients) and 2ⁿ built from the exponent bits. Saturates outside [−87.3, 88.3];
    /// NaN stays NaN. n is rounded by adding 1.5·2²³ (whose low mantissa bits then hold n), so the
    /// function has no branch or trapping conversion.
    @inlinable @inline(__always)
    public static func exp(_ x: Float) -> Float {
        let clamped = min(max(x, -87.3), 88.3)  // in this order NaN passes through
        let shifted = clamped * 1.442_695_04 + 12_582_912
        let n = shifted - 12_582_912
        let r = clamped - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p: Float = 1.987_569_15e-4
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        let er = p * r * r + r + 1
        let twoToN = Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) &<< 23)
        return er * twoToN
    }

    /// y[i] = e^x[i] for `count` values (the same algorithm, vectorised); `x` and `y` may be the same buffer.
    @inlinable
    public static func exp(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        ck_exp(x, y, count)
    }

    /// y[i] = tanh x[i] for `count` values; `x` and `y` may be the same buffer. A rational function
    /// x·P(x²)/Q(x²) (one division, no exponential), ±1 beyond |x| ≈ 8, x itself below 0.0004.
    @inlinable
    public static func tanh(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        ck_tanh(x, y, count)
    }

    /// True when the vectorised kernels run eight lanes with AVX2 + FMA on this processor.
    public static var usesAVX2: Bool { ck_uses_avx2() != 0 }
}
