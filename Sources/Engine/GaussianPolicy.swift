import Foundation
import SeededRandom

/// A diagonal Gaussian policy N(μ, diag(σ²)) with state-independent log σ: log-probability,
/// entropy, sampling and the gradient of the actor-critic loss terms, one row at a time.
public enum GaussianPolicy {
    /// ½·log(2π).
    public static let halfLogTwoPi: Float = 0.5 * Foundation.log(2 * Float.pi)

    /// Writes a = μ + σ·ε, ε ~ N(0, I), into `action`.
    @inlinable
    public static func sample(mean: UnsafePointer<Float>, logStd: UnsafePointer<Float>, count d: Int,
                              rng: inout Xoshiro256, into action: UnsafeMutablePointer<Float>) {
        for k in 0..<d { action[k] = mean[k] + FastMath.exp(logStd[k]) * Float(rng.nextGaussian()) }
    }

    /// log π(action) and H for one row; writes into `dMean` and adds into `dLogStd` the gradient of
    /// `scale · (−advantage · log π(action) − entropyCoefficient · H)`, where
    /// log π = Σ −(a−μ)²/(2σ²) − log σ − ½log 2π,  H = Σ log σ + ½ + ½log 2π.
    @inlinable
    public static func lossGradient(mean: UnsafePointer<Float>, logStd: UnsafePointer<Float>, count d: Int,
                                    action: UnsafePointer<Float>, advantage: Float, entropyCoefficient: Float,
                                    scale: Float, dMean: UnsafeMutablePointer<Float>,
                                    dLogStd: UnsafeMutablePointer<Float>) -> (logProbability: Float, entropy: Float) {
        var logProbability: Float = 0, entropy: Float = 0
        for k in 0..<d {
            let inverseVariance = FastMath.exp(-2 * logStd[k])
            let diff = action[k] - mean[k]
            let squared = diff * diff * inverseVariance
            logProbability += -0.5 * squared - logStd[k] - halfLogTwoPi
            entropy += logStd[k] + 0.5 + halfLogTwoPi
            dMean[k] = scale * (-advantage * diff * inverseVariance)
            dLogStd[k] += scale * (-advantage * (squared - 1) - entropyCoefficient)
        }
        return (logProbability, entropy)
    }
}
