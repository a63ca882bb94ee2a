import SeededRandom

/// numpy's `clip` for one value: NaN stays NaN.
@inlinable
func clip(_ value: Double, _ low: Double, _ high: Double) -> Double {
    value < low ? low : (value > high ? high : value)
}

extension UnsafeMutableBufferPointer<Double> {
    /// Adds `U(-scale, scale)` to every value (gymnasium's `uniform(low=-scale, high=scale, size=n)` noise).
    @inlinable
    func addUniformNoise(_ scale: Double, _ generator: inout Xoshiro256) {
        for i in indices { self[i] += generator.uniform(-scale, scale) }
    }

    /// Adds `scale · N(0, 1)` to every value (gymnasium's `scale * standard_normal(n)` noise).
    @inlinable
    func addGaussianNoise(_ scale: Double, _ generator: inout Xoshiro256) {
        for i in indices { self[i] += scale * generator.nextGaussian() }
    }
}

/// Writes values one after another into an observation.
struct ObservationWriter {
    let buffer: UnsafeMutableBufferPointer<Double>
    var next = 0

    init(_ buffer: UnsafeMutableBufferPointer<Double>) { self.buffer = buffer }

    mutating func append(_ value: Double) {
        buffer[next] = value
        next += 1
    }

    mutating func append<C: Collection<Double>>(contentsOf values: C) {
        for value in values { append(value) }
    }
}
