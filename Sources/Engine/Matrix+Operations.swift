extension Matrix {
    /// op(a)·op(b) through `cblas_sgemm`; op transposes when asked. Throws when the inner sizes differ.
    public static func product(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false) throws(ShapeError) -> Matrix {
        let m = transposeA ? a.columns : a.rows, k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows, n = transposeB ? b.rows : b.columns
        guard k == kb else {
            throw ShapeError("cannot multiply \(transposeA ? "transposed " : "")\(a.shapeDescription) by " +
                             "\(transposeB ? "transposed " : "")\(b.shapeDescription): inner sizes \(k) and \(kb) differ")
        }
        var c = Matrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return c }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    BLAS.gemm(transA: transposeA, transB: transposeB, m: m, n: n, k: k, alpha: 1,
                              a: pa.baseAddress!, lda: a.columns, b: pb.baseAddress!, ldb: b.columns,
                              beta: 0, c: pc.baseAddress!, ldc: n)
                }
            }
        }
        return c
    }
}

extension ActorCriticNetwork {
    /// The policy outputs (logits or means) and values for a batch of observations, one per row.
    /// Throws when the rows are not `observationSize` wide.
    public func evaluate(_ observations: Matrix) throws(ShapeError) -> (policy: Matrix, values: [Float]) {
        guard observations.columns == observationSize, observations.rows > 0 else {
            throw ShapeError("observation batch \(observations.shapeDescription) does not fit the network: " +
                             "expected [B x \(observationSize)] with B ≥ 1")
        }
        let batch = observations.rows
        observations.storage.withUnsafeBufferPointer { forward(observations: $0.baseAddress!, batch: batch) }
        let policy = Matrix(rows: batch, columns: policyOutputCount,
                            elements: Array(UnsafeBufferPointer(start: policyOutput, count: batch * policyOutputCount)))
        return (policy, Array(UnsafeBufferPointer(start: values, count: batch)))
    }
}
