import Foundation
import SeededRandom

extension BoxSpace {
    /// Writes a random point of the box into `buffer` (of `size` components), as gymnasium's
    /// `Box.sample` draws it: uniform where both bounds are finite, standard normal where neither
    /// is, and a bound plus or minus an exponential variate where only one is.
    @inlinable
    public func sample(using rng: inout Xoshiro256, into buffer: UnsafeMutableBufferPointer<Float>) {
        precondition(buffer.count == size, "the box has \(size) components, the buffer holds \(buffer.count)")
        for i in 0..<size {
            let (lower, upper) = (Double(low[i]), Double(high[i]))
            let value: Double
            switch (lower.isFinite, upper.isFinite) {
            case (true, true): value = rng.uniform(lower, upper)
            case (false, false): value = rng.nextGaussian()
            case (true, false): value = lower - log(1 - rng.nextDouble())
            case (false, true): value = upper + log(1 - rng.nextDouble())
            }
            buffer[i] = Float(value)
        }
    }
}

extension ActionSpace {
    /// A uniformly random action of a discrete space (the random policy's choice).
    @inlinable
    public func sampleDiscrete(using rng: inout Xoshiro256) -> Int {
        guard case .discrete(let count) = self else { preconditionFailure("sampleDiscrete on the continuous space \(self)") }
        return rng.nextInt(below: count)
    }

    /// Writes a random action of a box space into `buffer`, as `BoxSpace.sample(using:into:)`.
    @inlinable
    public func sampleContinuous(using rng: inout Xoshiro256, into buffer: UnsafeMutableBufferPointer<Float>) {
        guard case .box(let box) = self else { preconditionFailure("sampleContinuous on the discrete space \(self)") }
        box.sample(using: &rng, into: buffer)
    }
}
