/// Elementwise nonlinearities. Forward maps pre-activations `z` to `a` and leaves in `z`'s buffer
/// what backward needs; backward turns `da` into `dz`. Side by side, each reads like its derivative.
public enum Activation: String, Codable, Sendable, CaseIterable {
    case identity
    /// z·σ(z), the seed's choice (PyTorch's `SiLU`).
    case silu
    case tanh
    case relu

    /// a = f(z) over `count` elements. SiLU then replaces `z` by σ(z), all its backward needs
    /// (so `a` must be a separate buffer); the others leave `z` as it is.
    @inlinable
    public func forward(_ z: UnsafeMutablePointer<Float>, _ a: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .identity:
            if a != z { a.update(from: z, count: count) }
        case .silu:
            for i in 0..<count {
                let s = FastMath.sigmoid(z[i])
                a[i] = z[i] * s
                z[i] = s
            }
        case .tanh:
            for i in 0..<count { a[i] = FastMath.tanh(z[i]) }
        case .relu:
            for i in 0..<count { a[i] = max(z[i], 0) }
        }
    }

    /// dz = da ⊙ f′(z), in place over `grad` (which holds da on entry and dz on return);
    /// `saved` is what forward left in z's buffer, `a` its output.
    @inlinable
    public func backward(_ saved: UnsafePointer<Float>, _ a: UnsafePointer<Float>, grad: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .identity:
            return
        case .silu:
            // f′(z) = σ + z·σ·(1 − σ) = σ + a·(1 − σ), with σ = saved.
            for i in 0..<count { grad[i] *= saved[i] + a[i] * (1 - saved[i]) }
        case .tanh:
            for i in 0..<count { grad[i] *= 1 - a[i] * a[i] }
        case .relu:
            for i in 0..<count where saved[i] <= 0 { grad[i] = 0 }
        }
    }
}
