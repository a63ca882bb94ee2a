import CBLAS

/// Global gradient-norm clipping, as PyTorch's `clip_grad_norm_` over all parameters at once.
public enum GradientClipping {
    /// Scales `gradient` so that its Euclidean norm is at most `maxNorm`; returns the norm before clipping.
    @discardableResult
    public static func clipGlobalNorm(_ gradient: UnsafeMutableBufferPointer<Float>, maxNorm: Float) -> Float {
        precondition(maxNorm > 0, "maxNorm must be positive, got \(maxNorm)")
        let norm = cblas_snrm2(Int32(gradient.count), gradient.baseAddress, 1)
        if norm > maxNorm {
            cblas_sscal(Int32(gradient.count), maxNorm / (norm + 1e-6), gradient.baseAddress, 1)
        }
        return norm
    }
}
