import CBLAS
import SeededRandom

extension Initialization {
    /// Fills a `rows × columns` row-major matrix with a (semi-)orthogonal matrix times `gain`:
    /// the Q factor of a Gaussian matrix's QR (via LAPACKE), signs fixed by diag(R) so that the
    /// distribution is uniform (Haar), as PyTorch's `orthogonal_`. Rows are orthonormal when
    /// rows ≤ columns, columns otherwise.
    public static func orthogonal(rows: Int, columns: Int, gain: Float, rng: inout Xoshiro256,
                                  into w: UnsafeMutablePointer<Float>) {
        let tall = rows >= columns
        let m = tall ? rows : columns, n = tall ? columns : rows  // factor an m × n (m ≥ n) matrix
        var a = (0..<(m * n)).map { _ in Float(rng.nextGaussian()) }
        var tau = [Float](repeating: 0, count: n)
        let info1 = LAPACKE_sgeqrf(LAPACK_ROW_MAJOR, Int32(m), Int32(n), &a, Int32(n), &tau)
        precondition(info1 == 0, "LAPACKE_sgeqrf failed with info \(info1)")
        let signs = (0..<n).map { a[$0 * n + $0] < 0 ? Float(-1) : Float(1) }
        let info2 = LAPACKE_sorgqr(LAPACK_ROW_MAJOR, Int32(m), Int32(n), Int32(n), &a, Int32(n), &tau)
        precondition(info2 == 0, "LAPACKE_sorgqr failed with info \(info2)")
        for i in 0..<m {
            for j in 0..<n {
                let q = a[i * n + j] * signs[j] * gain
                if tall { w[i * columns + j] = q } else { w[j * columns + i] = q }
            }
        }
    }

    /// Fills `count` values uniformly in ±bound.
    public static func uniform(bound: Float, count: Int, rng: inout Xoshiro256, into w: UnsafeMutablePointer<Float>) {
        for i in 0..<count { w[i] = Float(rng.uniform(Double(-bound), Double(bound))) }
    }

    /// Initialises one linear layer's W and b in the flat parameter buffer.
    func initialize(_ layer: Linear, gain: Float, rng: inout Xoshiro256, parameters: UnsafeMutablePointer<Float>) {
        switch self {
        case .orthogonal:
            Self.orthogonal(rows: layer.outputs, columns: layer.inputs, gain: gain, rng: &rng,
                            into: parameters + layer.offset)
            (parameters + layer.biasOffset).update(repeating: 0, count: layer.outputs)
        case .pytorch:
            let bound = 1 / Float(layer.inputs).squareRoot()
            Self.uniform(bound: bound, count: layer.weightCount, rng: &rng, into: parameters + layer.offset)
            Self.uniform(bound: bound, count: layer.outputs, rng: &rng, into: parameters + layer.biasOffset)
        }
    }
}

extension Initialization {
    /// Initialises an LSTM's W_ih, W_hh, b_ih, b_hh. Orthogonal: each weight matrix orthogonal with
    /// gain 1, biases zero (CleanRL's recurrent PPO); pytorch: all four uniform in ±1/√units (`nn.LSTM`).
    func initialize(_ layer: LSTM, rng: inout Xoshiro256, parameters: UnsafeMutablePointer<Float>) {
        switch self {
        case .orthogonal:
            Self.orthogonal(rows: layer.gateCount, columns: layer.inputs, gain: 1, rng: &rng, into: parameters + layer.weightIHOffset)
            Self.orthogonal(rows: layer.gateCount, columns: layer.units, gain: 1, rng: &rng, into: parameters + layer.weightHHOffset)
            (parameters + layer.biasIHOffset).update(repeating: 0, count: 2 * layer.gateCount)
        case .pytorch:
            Self.uniform(bound: 1 / Float(layer.units).squareRoot(), count: layer.parameterCount, rng: &rng,
                         into: parameters + layer.offset)
        }
    }
}
