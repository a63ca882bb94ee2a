/// A seeded xoshiro256** generator (Blackman & Vigna, 2018): 256 bits of state, period 2²⁵⁶ − 1,
/// a few cycles per number, and the same sequence on every platform for the same seed.
///
/// The seed is expanded into the state with SplitMix64, as the authors recommend, so nearby seeds
/// give unrelated streams. A value type: copying it forks the stream.
@frozen
public struct Xoshiro256: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Creates a generator whose whole sequence is determined by `seed`.
    @inlinable
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(by: 45)
        return result
    }

    /// A seed for an independent stream (a worker, an environment), drawn from this generator.
    @inlinable
    public mutating func split() -> Xoshiro256 {
        Xoshiro256(seed: next())
    }
}

/// SplitMix64 (Steele, Lea & Flood, 2014): used to expand one 64-bit seed into xoshiro's state.
@frozen
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var state: UInt64

    @inlinable
    public init(state: UInt64) { self.state = state }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension UInt64 {
    @inlinable @inline(__always)
    func rotatedLeft(by k: UInt64) -> UInt64 { (self << k) | (self >> (64 &- k)) }
}
