/// Branch-free float functions that the compiler vectorises, for the activations' hot loops.
/// Accuracy is within a few ulp of libm over the whole finite range.
public enum FastMath {
    /// eˣ: Cody–Waite range reduction x = n·ln2 + r, a degree-6 polynomial for eʳ (Cephes'
    /// `expf` coefficients) and 2ⁿ built from the exponent bits. Saturates outside [−87.3, 88.3];
    /// NaN stays NaN. n is rounded by adding 1.5·2²³ (whose low mantissa bits then hold n), so the
    /// loop has no branch or trapping conversion and vectorises on plain SSE2.
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

    /// σ(x) = 1 / (1 + e⁻ˣ).
    @inlinable @inline(__always)
    public static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

    /// tanh x = sign(x)·(1 − e^(−2|x|)) / (1 + e^(−2|x|)), free of cancellation for large |x|.
    @inlinable @inline(__always)
    public static func tanh(_ x: Float) -> Float {
        let t = exp(-2 * abs(x))
        let magnitude = (1 - t) / (1 + t)
        return x < 0 ? -magnitude : magnitude
    }
}
