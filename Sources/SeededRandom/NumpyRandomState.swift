/// numpy's legacy `np.random.RandomState`: the 32-bit Mersenne Twister (MT19937) seeded as
/// `RandomState(seed)` seeds it, and the draws MinAtar makes (`rand`, `randint`), so that a native
/// port replays a Python run from its seed, number for number. A value type: copying it forks the stream.
public struct NumpyRandomState: Sendable, Hashable {
    @usableFromInline static let stateLength = 624
    @usableFromInline static let shift = 397
    @usableFromInline var key: [UInt32]
    @usableFromInline var position: Int

    /// The generator of `np.random.RandomState(seed)` (an integer seed: MT19937's `init_genrand`).
    public init(seed: UInt32) {
        var key = [UInt32](repeating: 0, count: Self.stateLength)
        var value = seed
        for i in 0..<Self.stateLength {
            key[i] = value
            value = 1_812_433_253 &* (value ^ (value >> 30)) &+ UInt32(i + 1)
        }
        self.key = key
        position = Self.stateLength
    }

    /// The next 32 random bits (MT19937's tempered output).
    @inlinable
    public mutating func nextUInt32() -> UInt32 {
        if position == Self.stateLength { twist() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Refills the state: the recurrence over all 624 words at once.
    @usableFromInline
    mutating func twist() {
        let n = Self.stateLength, m = Self.shift
        key.withUnsafeMutableBufferPointer { key in
            func mixed(_ i: Int, _ next: Int, _ far: Int) -> UInt32 {
                let y = (key[i] & 0x8000_0000) | (key[next] & 0x7FFF_FFFF)
                return key[far] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : 0x9908_B0DF)
            }
            for i in 0..<(n - m) { key[i] = mixed(i, i + 1, i + m) }
            for i in (n - m)..<(n - 1) { key[i] = mixed(i, i + 1, i + m - n) }
            key[n - 1] = mixed(n - 1, 0, m - 1)
        }
        position = 0
    }

    /// `rand()`: a double uniform in [0, 1) from two outputs, 53 random bits.
    @inlinable
    public mutating func rand() -> Double {
        let high = Double(nextUInt32() >> 5), low = Double(nextUInt32() >> 6)
        return (high * 67_108_864 + low) / 9_007_199_254_740_992
    }

    /// `randint(low, high)`: an integer uniform in `low..<high`, drawn as numpy draws it: 32-bit
    /// outputs masked to the range's bit width, rejected while above the range. A range of one
    /// value draws nothing. Ranges wider than 2³² are refused (MinAtar draws a handful of values).
    @inlinable
    public mutating func randint(_ low: Int, _ high: Int) -> Int {
        precondition(low < high, "randint needs low < high, got \(low) and \(high)")
        let span = UInt64(high - low - 1)
        precondition(span <= UInt64(UInt32.max), "randint draws ranges of at most 2³² values, got \(span + 1)")
        let range = UInt32(span)
        if range == 0 { return low }
        if range == .max { return low + Int(nextUInt32()) }
        var mask = range
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        var value = nextUInt32() & mask
        while value > range { value = nextUInt32() & mask }
        return low + Int(value)
    }

    /// `randint(high)`: an integer uniform in `0..<high`.
    @inlinable
    public mutating func randint(_ high: Int) -> Int { randint(0, high) }
}
