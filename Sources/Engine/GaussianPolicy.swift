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

    /// Fills `noise` with N(0, 1) draws: the matrix E (features × d, row-major) of
    /// `sampleStateDependent`, held until the next draw.
    @inlinable
    public static func drawNoise(_ noise: UnsafeMutableBufferPointer<Float>, rng: inout Xoshiro256) {
        for i in noise.indices { noise[i] = Float(rng.nextGaussian()) }
    }

    /// Writes a = μ + σ ⊙ (φ̂ᵀE) into `action`: generalised state-dependent exploration (gSDE,
    /// Raffin et al. 2022) with the held noise E projected on the unit vector φ̂ of the actor's
    /// features φ. The noise is a smooth function of the state while E is held, yet for a given φ
    /// each component is N(0, σ²), as in `sample`, so log π and the loss are those of N(μ, σ²).
    /// Where φ = 0, E's first row is the noise.
    @inlinable
    public static func sampleStateDependent(mean: UnsafePointer<Float>, logStd: UnsafePointer<Float>, count d: Int,
                                            features: UnsafePointer<Float>, featureCount: Int,
                                            noise: UnsafePointer<Float>, into action: UnsafeMutablePointer<Float>) {
        var squaredNorm: Float = 0
        for j in 0..<featureCount { squaredNorm += features[j] * features[j] }
        for k in 0..<d {
            var projection = noise[k]
            if squaredNorm > .leastNormalMagnitude {
                projection = 0
                for j in 0..<featureCount { projection += features[j] * noise[j * d + k] }
                projection /= squaredNorm.squareRoot()
            }
            action[k] = mean[k] + FastMath.exp(logStd[k]) * projection
        }
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
