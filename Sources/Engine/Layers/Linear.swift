import CKernels

/// How a batch of one row (acting) goes through a linear layer. `a3c-bench engine` measures each;
/// `vectorized` is the fastest on the 2-core target machine (one C call per layer, no BLAS call
/// overhead) and is the networks' default.
public enum SingleRowKernel: String, Sendable, CaseIterable {
    /// Plain Swift loops over the rows of W.
    case loop
    /// `cblas_sgemv`.
    case sgemv
    /// `cblas_sgemm` with one row.
    case sgemm
    /// `CKernels`' dot products, four rows of W at a time, eight lanes (AVX2 + FMA where available).
    case vectorized
}

/// A fully connected layer y = x·Wᵀ + b over a view of the network's flat parameter buffer.
///
/// W is `outputs × inputs` row-major (PyTorch's layout), followed by b (`outputs`).
/// Batches are row-major `B × inputs` in and `B × outputs` out.
public struct Linear: Sendable, Equatable {
    public let inputs: Int
    public let outputs: Int
    /// Offset of W in the parameter (and gradient) buffer; b follows it.
    public let offset: Int

    public init(inputs: Int, outputs: Int, offset: Int) {
        precondition(inputs > 0 && outputs > 0, "Linear layer sizes must be positive, got \(inputs) → \(outputs)")
        self.inputs = inputs
        self.outputs = outputs
        self.offset = offset
    }

    public var weightCount: Int { inputs * outputs }
    public var parameterCount: Int { weightCount + outputs }
    @inlinable public var biasOffset: Int { offset + inputs * outputs }

    /// Layers with at most this many outputs (the policy and value heads) run batches through
    /// `CKernels`' dot-product loops: for them sgemm spends more time packing than multiplying.
    public static let narrowOutputLimit = 4
    @inlinable var isNarrow: Bool { outputs <= Linear.narrowOutputLimit }
    /// Layers with at most this many inputs (the first layer on a small observation) run their
    /// forward and weight gradient through `CKernels`: sgemm with so short an inner size is mostly overhead.
    public static let shortInputLimit = 8
    @inlinable var isShort: Bool { inputs <= Linear.shortInputLimit }
    /// Layers with at least this many weights run batches of at most `smallBatchLimit` rows
    /// through `CKernels`' row kernels (forward and input gradient): for so few rows, sgemm's
    /// packing of W costs more than the products (Benchmarks/results/small-batches.md).
    public static let largeWeightMinimum = 65_536
    public static let smallBatchLimit = 6
    @inlinable func usesRowKernels(batch: Int) -> Bool {
        batch <= Linear.smallBatchLimit && weightCount >= Linear.largeWeightMinimum
    }

    /// y[B×out] = x[B×in] · Wᵀ + b.
    @inlinable
    public func forward(batch: Int, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>,
                        parameters: UnsafePointer<Float>, kernel: SingleRowKernel = .vectorized) {
        let w = parameters + offset, b = parameters + biasOffset
        if batch == 1 && kernel == .loop {
            for o in 0..<outputs {
                let row = w + o * inputs
                var sum: Float = 0
                for i in 0..<inputs { sum += row[i] * x[i] }
                y[o] = b[o] + sum
            }
            return
        }
        if batch == 1 && kernel == .vectorized {
            ck_dense_row(x, inputs, w, b, outputs, y)
            return
        }
        if batch > 1 && (isNarrow || usesRowKernels(batch: batch)) {
            ck_narrow_forward(x, batch, inputs, w, b, outputs, y)
            return
        }
        if batch > 1 && isShort {
            ck_short_forward(x, batch, inputs, w, b, outputs, y)
            return
        }
        for r in 0..<batch { (y + r * outputs).update(from: b, count: outputs) }
        if batch == 1 && kernel == .sgemv {
            BLAS.gemv(trans: false, m: outputs, n: inputs, alpha: 1, a: w, lda: inputs, x: x, beta: 1, y: y)
        } else {
            BLAS.gemm(transA: false, transB: true, m: batch, n: outputs, k: inputs,
                      alpha: 1, a: x, lda: inputs, b: w, ldb: inputs, beta: 1, c: y, ldc: outputs)
        }
    }

    /// dW += dyᵀ·x, db += Σ_rows dy, and, when `dx` is given, dx[B×in] = dy·W (or dx += dy·W
    /// with `accumulatingDX`, for an input that feeds several layers).
    @inlinable
    public func backward(batch: Int, x: UnsafePointer<Float>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>?,
                         accumulatingDX: Bool = false, parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>) {
        let w = parameters + offset
        let dw = gradients + offset, db = gradients + biasOffset
        if isNarrow {
            ck_narrow_weight_gradient(dy, x, batch, outputs, inputs, dw, db)
            if let dx { ck_narrow_input_gradient(dy, batch, outputs, w, inputs, dx, accumulatingDX ? 1 : 0) }
            return
        }
        if isShort {
            ck_short_weight_gradient(dy, x, batch, outputs, inputs, dw, db)
        } else {
            BLAS.gemm(transA: true, transB: false, m: outputs, n: inputs, k: batch,
                      alpha: 1, a: dy, lda: outputs, b: x, ldb: inputs, beta: 1, c: dw, ldc: inputs)
            for r in 0..<batch {
                let row = dy + r * outputs
                for o in 0..<outputs { db[o] += row[o] }
            }
        }
        if let dx, usesRowKernels(batch: batch) {
            ck_wide_input_gradient(dy, batch, outputs, w, inputs, dx, accumulatingDX ? 1 : 0)
        } else if let dx {
            BLAS.gemm(transA: false, transB: false, m: batch, n: inputs, k: outputs,
                      alpha: 1, a: dy, lda: outputs, b: w, ldb: inputs, beta: accumulatingDX ? 1 : 0, c: dx, ldc: inputs)
        }
    }
}
