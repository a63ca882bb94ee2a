import CKernels

/// Elementwise nonlinearities (SiLU and tanh through the vectorised `CKernels`). Forward maps pre-activations `z` to `a` and leaves in `z`'s buffer
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
            ck_silu_forward(z, a, count)
        case .tanh:
            ck_tanh(z, a, count)
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
            ck_silu_backward(saved, a, grad, count)
        case .tanh:
            ck_tanh_backward(a, grad, count)  // f′ = 1 − a²
        case .relu:
            for i in 0..<count where saved[i] <= 0 { grad[i] = 0 }
        }
    }
}
