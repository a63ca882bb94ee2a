/// Return and advantage targets for one environment's rollout of `count` steps, read and written
/// at `t · stride` (so that one environment of a time-major `[T × N]` A2C rollout can be
/// processed in place).
///
/// `bootstrap` is V(s_T), the value of the state after the last step: pass 0 when the episode
/// *terminated* there, and the critic's estimate when the rollout was cut or the episode was
/// *truncated* by the time limit (the task goes on; only our observation of it stopped).
/// `episodeEnds[t]`, when given, marks a step after which a new episode began inside the
/// rollout: nothing is carried back across it (its reward must already include γ·V(s_final) if
/// that episode was truncated).
public enum Returns {
    /// n-step discounted returns R_t = r_t + γ·r_{t+1} + … + γ^{T−t}·V(s_T); advantages R_t − V(s_t).
    @inlinable
    public static func nStep(rewards: UnsafePointer<Float>, values: UnsafePointer<Float>, count: Int, stride: Int = 1,
                             episodeEnds: UnsafePointer<Bool>? = nil, bootstrap: Float, gamma: Float,
                             returns: UnsafeMutablePointer<Float>, advantages: UnsafeMutablePointer<Float>) {
        var r = bootstrap
        for t in Swift.stride(from: count - 1, through: 0, by: -1) {
            let i = t * stride
            if let episodeEnds, episodeEnds[i] { r = 0 }
            r = rewards[i] + gamma * r
            returns[i] = r
            advantages[i] = r - values[i]
        }
    }

    /// Generalised advantage estimation (Schulman et al., 2016): A_t = Σ_k (γλ)^k·δ_{t+k} with
    /// δ_t = r_t + γ·V(s_{t+1}) − V(s_t); returns A_t + V(s_t). λ = 1 gives the n-step targets.
    @inlinable
    public static func gae(rewards: UnsafePointer<Float>, values: UnsafePointer<Float>, count: Int, stride: Int = 1,
                           episodeEnds: UnsafePointer<Bool>? = nil, bootstrap: Float, gamma: Float, lambda: Float,
                           returns: UnsafeMutablePointer<Float>, advantages: UnsafeMutablePointer<Float>) {
        var next = bootstrap, running: Float = 0
        for t in Swift.stride(from: count - 1, through: 0, by: -1) {
            let i = t * stride
            if let episodeEnds, episodeEnds[i] { next = 0; running = 0 }
            let delta = rewards[i] + gamma * next - values[i]
            running = delta + gamma * lambda * running
            advantages[i] = running
            returns[i] = running + values[i]
            next = values[i]
        }
    }

    /// Rescales `advantages` to zero mean and unit variance (no-op for fewer than two values).
    @inlinable
    public static func normalize(_ advantages: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 1 else { return }
        var mean: Float = 0
        for i in 0..<count { mean += advantages[i] }
        mean /= Float(count)
        var variance: Float = 0
        for i in 0..<count { variance += (advantages[i] - mean) * (advantages[i] - mean) }
        let scale = 1 / ((variance / Float(count)).squareRoot() + 1e-8)
        for i in 0..<count { advantages[i] = (advantages[i] - mean) * scale }
    }
}
