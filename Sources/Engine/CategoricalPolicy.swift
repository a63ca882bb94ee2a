import Foundation
import SeededRandom

/// A softmax policy over `n` logits: log-probabilities, entropy, sampling and the gradient of the
/// actor-critic loss terms with respect to the logits, for one row at a time.
public enum CategoricalPolicy {
    /// Draws an action with probability softmax(logits).
    @inlinable
    public static func sample(logits: UnsafePointer<Float>, count n: Int, rng: inout Xoshiro256) -> Int {
        var maxLogit = logits[0]
        for j in 1..<n { maxLogit = max(maxLogit, logits[j]) }
        var total: Float = 0
        for j in 0..<n { total += FastMath.exp(logits[j] - maxLogit) }
        var threshold = rng.nextFloat() * total
        for j in 0..<(n - 1) {
            threshold -= FastMath.exp(logits[j] - maxLogit)
            if threshold < 0 { return j }
        }
        return n - 1
    }

    /// The most probable action (for deterministic evaluation).
    @inlinable
    public static func mode(logits: UnsafePointer<Float>, count n: Int) -> Int {
        var best = 0
        for j in 1..<n where logits[j] > logits[best] { best = j }
        return best
    }

    /// log π(action) and the entropy H for one row of logits; writes into `dLogits` the gradient of
    /// `scale · (−advantage · log π(action) − entropyCoefficient · H)`:
    /// ∂/∂z_j = scale · (−A·(1[j = a] − p_j) + c_e · p_j·(log p_j + H)).
    @inlinable
    public static func lossGradient(logits: UnsafePointer<Float>, count n: Int, action: Int, advantage: Float,
                                    entropyCoefficient: Float, scale: Float,
                                    dLogits: UnsafeMutablePointer<Float>) -> (logProbability: Float, entropy: Float) {
        var maxLogit = logits[0]
        for j in 1..<n { maxLogit = max(maxLogit, logits[j]) }
        var total: Float = 0
        for j in 0..<n {
            let e = FastMath.exp(logits[j] - maxLogit)
            dLogits[j] = e  // kept for the passes below: one exponential per logit
            total += e
        }
        let logTotal = Foundation.log(total) + maxLogit, inverseTotal = 1 / total
        var entropy: Float = 0
        for j in 0..<n { entropy -= dLogits[j] * inverseTotal * (logits[j] - logTotal) }
        let logProbability = logits[action] - logTotal
        for j in 0..<n {
            let p = dLogits[j] * inverseTotal, logP = logits[j] - logTotal
            let indicator: Float = j == action ? 1 : 0
            dLogits[j] = scale * (-advantage * (indicator - p) + entropyCoefficient * p * (logP + entropy))
        }
        return (logProbability, entropy)
    }
}
