/// Elementwise nonlinearities. Forward maps pre-activations `z` to `a`; backward turns
/// `da` into `dz` using the saved `z` and `a`, side by side so each reads like its derivative.
public enum Activation: String, Codable, Sendable, CaseIterable {
    case identity
    /// z·σ(z), the seed's choice (PyTorch's `SiLU`).
    case silu
    case tanh
    case relu

    /// a = f(z) over `count` elements.
    @inlinable
    public func forward(_ z: UnsafePointer<Float>, _ a: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .identity:
            if UnsafePointer(a) != z { a.update(from: z, count: count) }
        case .silu:
            for i in 0..<count { a[i] = z[i] * FastMath.sigmoid(z[i]) }
        case .tanh:
            for i in 0..<count { a[i] = FastMath.tanh(z[i]) }
        case .relu:
            for i in 0..<count { a[i] = max(z[i], 0) }
        }
    }

    /// dz = da ⊙ f′(z), in place over `grad` (which holds da on entry and dz on return).
    @inlinable
    public func backward(_ z: UnsafePointer<Float>, _ a: UnsafePointer<Float>, grad: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .identity:
            return
        case .silu:
            // f′(z) = σ(z)·(1 + z·(1 − σ(z))), σ recomputed from z (a / z is unstable near 0).
            for i in 0..<count {
                let s = FastMath.sigmoid(z[i])
                grad[i] *= s * (1 + z[i] * (1 - s))
            }
        case .tanh:
            for i in 0..<count { grad[i] *= 1 - a[i] * a[i] }
        case .relu:
            for i in 0..<count where z[i] <= 0 { grad[i] = 0 }
        }
    }
}
