import CKernels

/// A 2-D convolution over channels-last batches: forward straight from the input (`CKernels`),
/// backward as im2col and one `sgemm` per gradient.
///
/// Input rows are (height, width, channels) row-major; output rows (outHeight, outWidth, filters).
/// W is `filters × kernel × kernel × channels` (each filter one row over a patch in input order),
/// then b (`filters`). No padding; a patch starts every `stride` cells.
public struct Conv2D: Sendable, Equatable {
    public let height: Int
    public let width: Int
    public let channels: Int
    public let filters: Int
    public let kernel: Int
    public let stride: Int
    /// Offset of W in the parameter (and gradient) buffer; b follows it.
    public let offset: Int

    public init(height: Int, width: Int, channels: Int, filters: Int, kernel: Int, stride: Int, offset: Int) {
        precondition(height >= kernel && width >= kernel && channels > 0 && filters > 0 && kernel > 0 && stride > 0,
                     "Conv2D needs a kernel within the input and positive sizes, got \(height)×\(width)×\(channels), kernel \(kernel)")
        self.height = height
        self.width = width
        self.channels = channels
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.offset = offset
    }

    @inlinable public var outHeight: Int { (height - kernel) / stride + 1 }
    @inlinable public var outWidth: Int { (width - kernel) / stride + 1 }
    /// Output cells per input row.
    @inlinable public var positions: Int { outHeight * outWidth }
    /// Values in one patch: kernel × kernel × channels.
    @inlinable public var patchSize: Int { kernel * kernel * channels }
    @inlinable public var inputSize: Int { height * width * channels }
    @inlinable public var outputSize: Int { positions * filters }
    public var parameterCount: Int { filters * patchSize + filters }
    /// Scratch floats the forward packs Wᵀ into (filters padded to whole vectors of eight).
    public var packedWeightCount: Int { patchSize * ((filters + 7) / 8 * 8) }
    /// The same weights seen as a dense layer from a patch to the filters (for initialisation).
    public var patchLayer: Linear { Linear(inputs: patchSize, outputs: filters, offset: offset) }

    /// Calls `body(input, patch)` for every kernel row of every patch, in patch order: the offsets of
    /// its kernel × channels contiguous values in the input rows and in the patches.
    @inlinable
    func forEachKernelRow(batch: Int, _ body: (_ input: Int, _ patch: Int) -> Void) {
        let rowLength = kernel * channels, inputRow = width * channels
        var patch = 0
        for r in 0..<batch {
            for oy in 0..<outHeight {
                for ox in 0..<outWidth {
                    let corner = r * inputSize + (oy * stride) * inputRow + (ox * stride) * channels
                    for ky in 0..<kernel {
                        body(corner + ky * inputRow, patch)
                        patch += rowLength
                    }
                }
            }
        }
    }

    /// patches[(r·positions + p) × patchSize] = the patch of output cell p of input row r.
    @inlinable
    public func im2col(batch: Int, x: UnsafePointer<Float>, patches: UnsafeMutablePointer<Float>) {
        let rowLength = kernel * channels
        forEachKernelRow(batch: batch) { input, patch in (patches + patch).update(from: x + input, count: rowLength) }
    }

    /// The transpose of `im2col`: each patch gradient added back where its patch came from.
    @inlinable
    public func col2im(batch: Int, patches: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>) {
        let rowLength = kernel * channels
        dx.update(repeating: 0, count: batch * inputSize)
        forEachKernelRow(batch: batch) { input, patch in
            for i in 0..<rowLength { dx[input + i] += patches[patch + i] }
        }
    }

    /// y[B × outputSize] = patches(x) · Wᵀ + b, each sum over a patch in order, with Wᵀ packed
    /// into `packedWeights` (`packedWeightCount` floats).
    @inlinable
    public func forward(batch: Int, x: UnsafePointer<Float>, packedWeights: UnsafeMutablePointer<Float>,
                        y: UnsafeMutablePointer<Float>, parameters: UnsafePointer<Float>) {
        ck_conv2d_forward(x, batch, height, width, channels, kernel, stride, parameters + offset,
                          parameters + offset + filters * patchSize, filters, packedWeights, y)
    }

    /// dW += dyᵀ·patches, db += Σ dy over cells, and, when `dx` is given, dx = col2im(dy·W) through
    /// `patchGradient`; `patches` and `patchGradient` are scratch of `batch · positions · patchSize`
    /// floats (the second needed only for dx).
    @inlinable
    public func backward(batch: Int, x: UnsafePointer<Float>, patches: UnsafeMutablePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?,
                         patchGradient: UnsafeMutablePointer<Float>?, parameters: UnsafePointer<Float>,
                         gradients: UnsafeMutablePointer<Float>) {
        im2col(batch: batch, x: x, patches: patches)
        let cells = batch * positions
        let dw = gradients + offset, db = gradients + offset + filters * patchSize
        BLAS.gemm(transA: true, transB: false, m: filters, n: patchSize, k: cells,
                  alpha: 1, a: dy, lda: filters, b: UnsafePointer(patches), ldb: patchSize, beta: 1, c: dw, ldc: patchSize)
        for m in 0..<cells {
            let row = dy + m * filters
            for f in 0..<filters { db[f] += row[f] }
        }
        guard let dx else { return }
        guard let patchGradient else { preconditionFailure("an input gradient needs the patch-gradient scratch") }
        BLAS.gemm(transA: false, transB: false, m: cells, n: patchSize, k: filters,
                  alpha: 1, a: dy, lda: filters, b: parameters + offset, ldb: patchSize, beta: 0, c: patchGradient, ldc: patchSize)
        col2im(batch: batch, patches: patchGradient, dx: dx)
    }
}
