/// Return and advantage targets for one rollout segment of `count` steps.
///
/// `bootstrap` is V(s_T), the value of the state after the last step: pass 0 when the episode
/// *terminated* there, and the critic's estimate when the rollout was cut or the episode was
/// *truncated* by the time limit (the task goes on; only our observation of it stopped).
public enum Returns {
    /// n-step discounted returns R_t = r_t + γ·r_{t+1} + … + γ^{T−t}·V(s_T); advantages R_t − V(s_t).
    @inlinable
    public static func nStep(rewards: UnsafePointer<Float>, values: UnsafePointer<Float>, count: Int, bootstrap: Float,
                             gamma: Float, returns: UnsafeMutablePointer<Float>, advantages: UnsafeMutablePointer<Float>) {
        var r = bootstrap
        for t in stride(from: count - 1, through: 0, by: -1) {
            r = rewards[t] + gamma * r
            returns[t] = r
            advantages[t] = r - values[t]
        }
    }

    /// Generalised advantage estimation (Schulman et al., 2016): A_t = Σ_k (γλ)^k·δ_{t+k} with
    /// δ_t = r_t + γ·V(s_{t+1}) − V(s_t); returns A_t + V(s_t). λ = 1 gives the n-step targets.
    @inlinable
    public static func gae(rewards: UnsafePointer<Float>, values: UnsafePointer<Float>, count: Int, bootstrap: Float,
                           gamma: Float, lambda: Float, returns: UnsafeMutablePointer<Float>,
                           advantages: UnsafeMutablePointer<Float>) {
        var next = bootstrap, running: Float = 0
        for t in stride(from: count - 1, through: 0, by: -1) {
            let delta = rewards[t] + gamma * next - values[t]
            running = delta + gamma * lambda * running
            advantages[t] = running
            returns[t] = running + values[t]
            next = values[t]
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
