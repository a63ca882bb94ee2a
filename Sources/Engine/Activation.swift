import Foundation

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
            for i in 0..<count {
                let zi = z[i]
                a[i] = zi / (1 + Foundation.exp(-zi))
            }
        case .tanh:
            for i in 0..<count { a[i] = Foundation.tanh(z[i]) }
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
            // f′(z) = σ(z)·(1 + z·(1 − σ(z))), with σ(z) = a / z recomputed stably from z.
            for i in 0..<count {
                let zi = z[i]
                let s = 1 / (1 + Foundation.exp(-zi))
                grad[i] *= s * (1 + zi * (1 - s))
            }
        case .tanh:
            for i in 0..<count { grad[i] *= 1 - a[i] * a[i] }
        case .relu:
            for i in 0..<count where z[i] <= 0 { grad[i] = 0 }
        }
    }
}
