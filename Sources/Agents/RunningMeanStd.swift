/// Running mean and variance of observation vectors (Chan et al.'s parallel update), in Double.
public struct RunningMeanStd: Codable, Equatable, Sendable {
    public private(set) var count: Double
    public private(set) var mean: [Double]
    public private(set) var variance: [Double]

    public init(size: Int) {
        count = 0
        mean = [Double](repeating: 0, count: size)
        variance = [Double](repeating: 1, count: size)
    }

    /// Restores saved statistics (from a checkpoint).
    public init(count: Double, mean: [Double], variance: [Double]) {
        self.count = count
        self.mean = mean
        self.variance = variance
    }

    public var size: Int { mean.count }

    /// Folds in one observation (Welford's update, in place).
    public mutating func add(_ x: UnsafePointer<Float>) {
        count += 1
        let n = count
        mean.withUnsafeMutableBufferPointer { mean in
            variance.withUnsafeMutableBufferPointer { variance in
                for i in 0..<mean.count {
                    let xi = Double(x[i])
                    let delta = xi - mean[i]
                    mean[i] += delta / n
                    variance[i] += (delta * (xi - mean[i]) - variance[i]) / n
                }
            }
        }
    }

    /// Forgets everything (keeps the allocation).
    public mutating func reset() {
        count = 0
        for i in 0..<size { mean[i] = 0; variance[i] = 1 }
    }

    /// Combines the statistics of another sample into these.
    public mutating func merge(_ other: RunningMeanStd) {
        guard other.count > 0 else { return }
        let total = count + other.count
        for i in 0..<size {
            let delta = other.mean[i] - mean[i]
            let m2 = variance[i] * count + other.variance[i] * other.count + delta * delta * count * other.count / total
            mean[i] += delta * other.count / total
            variance[i] = m2 / total
        }
        count = total
    }

    /// The affine map the hot loop applies: x ↦ clip((x − mean)/√(var + 1e-8), ±10).
    public var scaler: ObservationScaler {
        ObservationScaler(shift: mean.map { Float($0) }, scale: variance.map { Float(1 / ($0 + 1e-8).squareRoot()) })
    }
}

/// Observation normalisation as applied per step: a shift, a scale and a clip, in Float.
public struct ObservationScaler: Sendable, Equatable {
    public var shift: [Float]
    public var scale: [Float]
    public static let clip: Float = 10

    /// Writes the normalised `raw` into `output`.
    @inlinable
    public func apply(_ raw: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>) {
        shift.withUnsafeBufferPointer { shift in
            scale.withUnsafeBufferPointer { scale in
                for i in 0..<shift.count {
                    output[i] = min(max((raw[i] - shift[i]) * scale[i], -Self.clip), Self.clip)
                }
            }
        }
    }
}

/// The observation statistics all workers share: each merges what its rollout saw and takes
/// back the combined scaler. Serialised by a lock (`Locked`, once per update, not per step).
public final class SharedObservationStatistics: Sendable {
    private let statistics: Locked<RunningMeanStd>

    public init(_ initial: RunningMeanStd) { statistics = Locked(initial) }

    /// Merges `local` in and writes the combined statistics' map into `scaler` (no allocation).
    public func merge(_ local: RunningMeanStd, into scaler: inout ObservationScaler) {
        statistics.withLock { stats in
            stats.merge(local)
            for i in 0..<stats.size {
                scaler.shift[i] = Float(stats.mean[i])
                scaler.scale[i] = Float(1 / (stats.variance[i] + 1e-8).squareRoot())
            }
        }
    }

    public var snapshot: RunningMeanStd { statistics.withLock { $0 } }

    /// Runs `body` on the statistics under the lock (a rank exchanging them with the others).
    package func modify<R>(_ body: (inout RunningMeanStd) -> R) -> R { statistics.withLock { body(&$0) } }
}
