import CKernels

/// PyTorch's `nn.LSTM` (one layer), over time-major batches: row t·B + b is step t of sequence b.
///
///   z = W_ih·x + b_ih + W_hh·h₋ + b_hh, split into i, f, g, o (each `units`)
///   i, f, o = σ(·), g = tanh(·);  c = f⊙c₋ + i⊙g;  h = o⊙tanh(c)
///
/// Parameters, from `offset`: W_ih (4·units × inputs), W_hh (4·units × units), b_ih, b_hh (4·units).
/// The state a caller carries per sequence is (h, c), `units` each, at `stateOffset` within a row
/// of `stateWidth` values, so that several LSTM layers share one state row per sequence.
public struct LSTM: Sendable, Equatable {
    public let inputs: Int
    public let units: Int
    public let offset: Int
    /// Where this layer's h starts in a state row (c follows it).
    public let stateOffset: Int

    public init(inputs: Int, units: Int, offset: Int, stateOffset: Int) {
        precondition(inputs > 0 && units > 0, "LSTM sizes must be positive, got \(inputs) → \(units)")
        self.inputs = inputs
        self.units = units
        self.offset = offset
        self.stateOffset = stateOffset
    }

    @inlinable public var gateCount: Int { 4 * units }
    @inlinable public var weightIHOffset: Int { offset }
    @inlinable public var weightHHOffset: Int { offset + gateCount * inputs }
    @inlinable public var biasIHOffset: Int { weightHHOffset + gateCount * units }
    @inlinable public var biasHHOffset: Int { biasIHOffset + gateCount }
    public var parameterCount: Int { gateCount * (inputs + units + 2) }

    /// What a forward keeps for its backward, `rows` rows each, and the per-call scratch.
    public struct Buffers {
        /// σ(i), σ(f), tanh(g), σ(o) per row (4·units).
        public var gates: UnsafeMutablePointer<Float>
        public var c: UnsafeMutablePointer<Float>
        public var tanhC: UnsafeMutablePointer<Float>
        /// The output.
        public var h: UnsafeMutablePointer<Float>
        /// The state each row started from, after episode starts zeroed it.
        public var hPrevious: UnsafeMutablePointer<Float>
        public var cPrevious: UnsafeMutablePointer<Float>
        /// ∂loss/∂z per row (backward).
        public var gateGradient: UnsafeMutablePointer<Float>
        /// ∂loss/∂h₋ and ∂loss/∂c₋ carried back one step, a row per sequence.
        public var hGradient: UnsafeMutablePointer<Float>
        public var cGradient: UnsafeMutablePointer<Float>
        /// b_ih + b_hh, and one row of 4·units for a single-sequence step.
        public var biasSum: UnsafeMutablePointer<Float>
        public var gateRow: UnsafeMutablePointer<Float>

        /// Floats the buffers take for `rows` rows.
        public static func size(_ layer: LSTM, rows: Int) -> Int {
            rows * (2 * layer.gateCount + 5 * layer.units) + 2 * rows * layer.units + 2 * layer.gateCount
        }

        /// Carves the buffers for `rows` rows out of `memory` (`size(layer, rows:)` floats).
        public init(_ layer: LSTM, rows: Int, memory: UnsafeMutablePointer<Float>) {
            var cursor = memory
            func take(_ count: Int) -> UnsafeMutablePointer<Float> { defer { cursor += count }; return cursor }
            gates = take(rows * layer.gateCount)
            gateGradient = take(rows * layer.gateCount)
            c = take(rows * layer.units)
            tanhC = take(rows * layer.units)
            h = take(rows * layer.units)
            hPrevious = take(rows * layer.units)
            cPrevious = take(rows * layer.units)
            hGradient = take(rows * layer.units)
            cGradient = take(rows * layer.units)
            biasSum = take(layer.gateCount)
            gateRow = take(layer.gateCount)
        }
    }

    /// Runs `steps` steps of `sequences` sequences from `x` (their rows, time-major) into rows
    /// `firstRow ..< firstRow + steps·sequences` of `buffers`. `state` (a row of `stateWidth` per
    /// sequence) holds the state before the first step and is advanced to the state after the last.
    /// `episodeStarts[r]` ≠ 0 zeroes the state before row r of this call (a new episode).
    @inlinable
    public func forward(steps: Int, sequences: Int, firstRow: Int, x: UnsafePointer<Float>,
                        state: UnsafeMutablePointer<Float>, stateWidth: Int, episodeStarts: UnsafePointer<Float>?,
                        buffers: Buffers, parameters: UnsafePointer<Float>) {
        let n = units, g = gateCount, rows = steps * sequences
        let wih = parameters + weightIHOffset, whh = parameters + weightHHOffset
        let bih = parameters + biasIHOffset, bhh = parameters + biasHHOffset
        for k in 0..<g { buffers.biasSum[k] = bih[k] + bhh[k] }
        let gates = buffers.gates + firstRow * g
        if rows == 1 {
            ck_dense_row(x, inputs, wih, buffers.biasSum, g, gates)
        } else {
            for r in 0..<rows { (gates + r * g).update(from: buffers.biasSum, count: g) }
            BLAS.gemm(transA: false, transB: true, m: rows, n: g, k: inputs,
                      alpha: 1, a: x, lda: inputs, b: wih, ldb: inputs, beta: 1, c: gates, ldc: g)
        }
        for t in 0..<steps {
            let r = firstRow + t * sequences
            let hPrev = buffers.hPrevious + r * n, cPrev = buffers.cPrevious + r * n
            for b in 0..<sequences {
                let keep: Float = (episodeStarts?[t * sequences + b] ?? 0) != 0 ? 0 : 1
                let hSource = t == 0 ? UnsafePointer(state + b * stateWidth + stateOffset) : UnsafePointer(buffers.h + (r - sequences + b) * n)
                let cSource = t == 0 ? UnsafePointer(state + b * stateWidth + stateOffset + n) : UnsafePointer(buffers.c + (r - sequences + b) * n)
                for k in 0..<n {
                    hPrev[b * n + k] = keep * hSource[k]
                    cPrev[b * n + k] = keep * cSource[k]
                }
            }
            let z = buffers.gates + r * g
            if sequences == 1 {
                buffers.gateRow.update(from: z, count: g)
                ck_dense_row(hPrev, n, whh, buffers.gateRow, g, z)
            } else {
                BLAS.gemm(transA: false, transB: true, m: sequences, n: g, k: n,
                          alpha: 1, a: hPrev, lda: n, b: whh, ldb: n, beta: 1, c: z, ldc: g)
            }
            ck_lstm_cell(z, cPrev, buffers.c + r * n, buffers.tanhC + r * n, buffers.h + r * n, sequences, n)
        }
        let last = firstRow + (steps - 1) * sequences
        for b in 0..<sequences {
            (state + b * stateWidth + stateOffset).update(from: buffers.h + (last + b) * n, count: n)
            (state + b * stateWidth + stateOffset + n).update(from: buffers.c + (last + b) * n, count: n)
        }
    }

    /// Backpropagation through time over rows `0 ..< steps·sequences` of the last forward (truncated:
    /// no gradient into the state the window began with). `dh` is ∂loss/∂h per row; adds the
    /// parameter gradients and, when `dx` is given, writes ∂loss/∂x.
    @inlinable
    public func backward(steps: Int, sequences: Int, x: UnsafePointer<Float>, dh: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, episodeStarts: UnsafePointer<Float>?, buffers: Buffers,
                         parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>) {
        let n = units, g = gateCount, rows = steps * sequences
        let whh = parameters + weightHHOffset
        let dhNext = buffers.hGradient, dcNext = buffers.cGradient
        dhNext.update(repeating: 0, count: sequences * n)
        dcNext.update(repeating: 0, count: sequences * n)
        for t in (0..<steps).reversed() {
            let r = t * sequences
            for b in 0..<sequences {
                let row = r + b
                let gate = UnsafePointer(buffers.gates + row * g), dz = buffers.gateGradient + row * g
                let tc = buffers.tanhC + row * n, cPrev = buffers.cPrevious + row * n
                let keep: Float = (episodeStarts?[row] ?? 0) != 0 ? 0 : 1
                for k in 0..<n {
                    let i = gate[k], f = gate[n + k], cell = gate[2 * n + k], o = gate[3 * n + k]
                    let dhk = dh[row * n + k] + dhNext[b * n + k]
                    let dc = dcNext[b * n + k] + dhk * o * (1 - tc[k] * tc[k])
                    dz[k] = dc * cell * i * (1 - i)
                    dz[n + k] = dc * cPrev[k] * f * (1 - f)
                    dz[2 * n + k] = dc * i * (1 - cell * cell)
                    dz[3 * n + k] = dhk * tc[k] * o * (1 - o)
                    dcNext[b * n + k] = keep * dc * f
                }
            }
            // ∂loss/∂h₋ = dz · W_hh (W_hhᵀ·dz for one sequence), zeroed where the state was reset.
            if sequences == 1 {
                BLAS.gemv(trans: true, m: g, n: n, alpha: 1, a: whh, lda: n, x: buffers.gateGradient + r * g, beta: 0, y: dhNext)
            } else {
                BLAS.gemm(transA: false, transB: false, m: sequences, n: n, k: g,
                          alpha: 1, a: buffers.gateGradient + r * g, lda: g, b: whh, ldb: n, beta: 0, c: dhNext, ldc: n)
            }
            if let episodeStarts {
                for b in 0..<sequences where episodeStarts[r + b] != 0 { (dhNext + b * n).update(repeating: 0, count: n) }
            }
        }
        let dz = UnsafePointer(buffers.gateGradient)
        BLAS.gemm(transA: true, transB: false, m: g, n: inputs, k: rows,
                  alpha: 1, a: dz, lda: g, b: x, ldb: inputs, beta: 1, c: gradients + weightIHOffset, ldc: inputs)
        BLAS.gemm(transA: true, transB: false, m: g, n: n, k: rows,
                  alpha: 1, a: dz, lda: g, b: buffers.hPrevious, ldb: n, beta: 1, c: gradients + weightHHOffset, ldc: n)
        let dbih = gradients + biasIHOffset, dbhh = gradients + biasHHOffset
        for row in 0..<rows {
            let d = dz + row * g
            for k in 0..<g {
                dbih[k] += d[k]
                dbhh[k] += d[k]
            }
        }
        if let dx {
            BLAS.gemm(transA: false, transB: false, m: rows, n: inputs, k: g,
                      alpha: 1, a: dz, lda: g, b: parameters + weightIHOffset, ldb: inputs, beta: 0, c: dx, ldc: inputs)
        }
    }
}
