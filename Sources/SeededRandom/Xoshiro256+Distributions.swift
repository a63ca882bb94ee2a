import Foundation

extension Xoshiro256 {
    /// Uniform in [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [0, 1) with 24 random bits.
    @inlinable @inline(__always)
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// Uniform in [low, high).
    @inlinable @inline(__always)
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * nextDouble()
    }

    /// Uniform integer in 0..<n, without modulo bias (Lemire's method). `n` must be positive.
    @inlinable @inline(__always)
    public mutating func nextInt(below n: Int) -> Int {
        precondition(n > 0, "nextInt(below:) needs a positive bound, got \(n)")
        return Int(truncatingIfNeeded: next(upperBound: UInt64(n)))
    }

    /// Standard normal N(0, 1) by the Box–Muller transform; uses two uniforms per call and
    /// keeps no cached second value, so the stream position is simple to reason about.
    @inlinable @inline(__always)
    public mutating func nextGaussian() -> Double {
        let u1 = 1.0 - nextDouble()  // (0, 1]: log is finite
        let u2 = nextDouble()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }
}
