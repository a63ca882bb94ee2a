import XCTest
import Engine

final class LinearTests: XCTestCase {
    /// loss = Σ y ⊙ r for a fixed random r, so ∂loss/∂y = r.
    func testBackwardMatchesFiniteDifferences() {
        // Narrow layers (≤ 4 outputs) and short ones (≤ 8 inputs) take CKernels' loops: with full
        // eight-lane chunks and a tail too, short ones past the 64-output block of packed Wᵀ.
        for (batch, inputs, outputs) in [(1, 4, 3), (5, 7, 2), (32, 3, 6), (6, 19, 3), (4, 16, 1), (3, 9, 12),
                                         (9, 8, 70), (33, 5, 16), (7, 1, 9), (6, 21, 4)] {
            let layer = Linear(inputs: inputs, outputs: outputs, offset: 3)  // nonzero offset: views into a buffer
            let parameters = Buffer(randomFloats(3 + layer.parameterCount, seed: 1))
            let x = Buffer(randomFloats(batch * inputs, seed: 2))
            let r = randomFloats(batch * outputs, seed: 3)
            var y = [Float](repeating: 0, count: batch * outputs)
            func loss() -> Double {
                layer.forward(batch: batch, x: x.pointer, y: &y, parameters: parameters.pointer, kernel: .sgemm)
                return zip(y, r).reduce(0) { $0 + Double($1.0) * Double($1.1) }
            }
            var gradients = [Float](repeating: 0, count: parameters.count)
            var dx = [Float](repeating: 0, count: x.count)
            _ = loss()
            for row in 0..<batch {
                for o in 0..<outputs {
                    let w = 3 + o * inputs, b = 3 + inputs * outputs + o
                    let expected = (0..<inputs).reduce(Double(parameters.pointer[b])) {
                        $0 + Double(parameters.pointer[w + $1]) * Double(x.pointer[row * inputs + $1])
                    }
                    XCTAssertEqual(Double(y[row * outputs + o]), expected, accuracy: 1e-5, "y[\(row), \(o)] of \(inputs) → \(outputs)")
                }
            }
            layer.backward(batch: batch, x: x.pointer, dy: r, dx: &dx, parameters: parameters.pointer, gradients: &gradients)
            let p = Array(3..<parameters.count)
            let numericParameters = numericalGradient(of: loss, values: parameters.pointer, indices: p)
            assertGradientsMatch(p.map { Double(gradients[$0]) }, numericParameters, "dW, db at batch \(batch)")
            XCTAssertEqual(gradients[0..<3], [0, 0, 0], "gradient written outside the layer's view")
            let numericX = x.numericalGradient(of: loss)
            assertGradientsMatch(dx.map(Double.init), numericX, "dx at batch \(batch)")
        }
    }

    /// `accumulatingDX` adds dy·W to what dx holds, for narrow and wide layers alike.
    func testAccumulatingInputGradientAdds() {
        for outputs in [2, 6] {
            let layer = Linear(inputs: 11, outputs: outputs, offset: 0)
            let parameters = randomFloats(layer.parameterCount, seed: 6)
            let x = randomFloats(3 * 11, seed: 7), dy = randomFloats(3 * outputs, seed: 8)
            var fresh = [Float](repeating: 0, count: 3 * 11), added = [Float](repeating: 1, count: 3 * 11)
            var gradients = [Float](repeating: 0, count: parameters.count)
            layer.backward(batch: 3, x: x, dy: dy, dx: &fresh, parameters: parameters, gradients: &gradients)
            layer.backward(batch: 3, x: x, dy: dy, dx: &added, accumulatingDX: true, parameters: parameters, gradients: &gradients)
            for (a, f) in zip(added, fresh) { XCTAssertEqual(a, f + 1, accuracy: 1e-5, "\(outputs) outputs") }
        }
    }

    /// A layer of ≥ `largeWeightMinimum` weights runs batches of ≤ `smallBatchLimit` rows through the
    /// row kernels and larger ones through sgemm: both against a Double reference (forward, dW, db,
    /// dx fresh and accumulated), with inputs and outputs that leave tails; each row kernel's forward
    /// row equals that row run alone, bit for bit.
    func testLargeLayersAtSmallAndLargeBatchesMatchTheReference() {
        let layer = Linear(inputs: 517, outputs: 130, offset: 5)
        XCTAssertGreaterThanOrEqual(layer.weightCount, Linear.largeWeightMinimum)
        let parameters = randomFloats(5 + layer.parameterCount, seed: 21)
        for batch in [2, 5, Linear.smallBatchLimit, Linear.smallBatchLimit + 1] {
            let x = randomFloats(batch * 517, seed: 22), dy = randomFloats(batch * 130, seed: 23)
            var y = [Float](repeating: 0, count: batch * 130)
            layer.forward(batch: batch, x: x, y: &y, parameters: parameters)
            var gradients = [Float](repeating: 0, count: parameters.count)
            var dx = [Float](repeating: 0, count: batch * 517), added = [Float](repeating: 2, count: batch * 517)
            layer.backward(batch: batch, x: x, dy: dy, dx: &dx, parameters: parameters, gradients: &gradients)
            layer.backward(batch: batch, x: x, dy: dy, dx: &added, accumulatingDX: true, parameters: parameters, gradients: &gradients)
            func w(_ o: Int, _ i: Int) -> Double { Double(parameters[5 + o * 517 + i]) }
            for r in 0..<batch {
                for o in 0..<130 {
                    let expected = (0..<517).reduce(Double(parameters[layer.biasOffset + o])) { $0 + w(o, $1) * Double(x[r * 517 + $1]) }
                    XCTAssertEqual(Double(y[r * 130 + o]), expected, accuracy: 1e-4, "y[\(r), \(o)] at batch \(batch)")
                }
                for i in stride(from: 0, to: 517, by: 7) {
                    let expected = (0..<130).reduce(0.0) { $0 + Double(dy[r * 130 + $1]) * w($1, i) }
                    XCTAssertEqual(Double(dx[r * 517 + i]), expected, accuracy: 1e-4, "dx[\(r), \(i)] at batch \(batch)")
                    XCTAssertEqual(Double(added[r * 517 + i]), expected + 2, accuracy: 1e-4, "accumulated dx at batch \(batch)")
                }
            }
            for o in stride(from: 0, to: 130, by: 3) {
                for i in stride(from: 0, to: 517, by: 11) {
                    let expected = 2 * (0..<batch).reduce(0.0) { $0 + Double(dy[$1 * 130 + o]) * Double(x[$1 * 517 + i]) }
                    XCTAssertEqual(Double(gradients[5 + o * 517 + i]), expected, accuracy: 1e-4, "dW[\(o), \(i)] at batch \(batch)")
                }
                let bias = 2 * (0..<batch).reduce(0.0) { $0 + Double(dy[$1 * 130 + o]) }
                XCTAssertEqual(Double(gradients[layer.biasOffset + o]), bias, accuracy: 1e-4, "db[\(o)] at batch \(batch)")
            }
            guard batch <= Linear.smallBatchLimit else { continue }
            for r in 0..<batch {
                var alone = [Float](repeating: 0, count: 130)
                layer.forward(batch: 1, x: Array(x[(r * 517)..<((r + 1) * 517)]), y: &alone, parameters: parameters)
                XCTAssertEqual(alone.map(\.bitPattern), y[(r * 130)..<((r + 1) * 130)].map(\.bitPattern), "row \(r) of batch \(batch)")
            }
        }
    }

    func testSingleRowKernelsAgree() {
        let layer = Linear(inputs: 9, outputs: 5, offset: 0)
        let parameters = randomFloats(layer.parameterCount, seed: 4)
        let x = randomFloats(9, seed: 5)
        let results = SingleRowKernel.allCases.map { kernel -> [Float] in
            var y = [Float](repeating: 0, count: 5)
            layer.forward(batch: 1, x: x, y: &y, parameters: parameters, kernel: kernel)
            return y
        }
        for result in results.dropFirst() {
            for (a, b) in zip(result, results[0]) { XCTAssertEqual(a, b, accuracy: 1e-5) }
        }
        let expected0 = (0..<9).reduce(parameters[45]) { $0 + parameters[$1] * x[$1] }
        XCTAssertEqual(results[0][0], expected0, accuracy: 1e-5, "y = W·x + b, row 0")
    }

    func testMatrixProductShapesAndValues() throws {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let b = Matrix([[1, 0], [0, 1], [1, 1]])
        XCTAssertEqual(try Matrix.product(a, b), Matrix([[4, 5], [10, 11]]))
        XCTAssertEqual(try Matrix.product(a, a, transposeB: true), Matrix([[14, 32], [32, 77]]))
        XCTAssertThrowsError(try Matrix.product(a, a)) { error in
            XCTAssertEqual("\(error)", "cannot multiply [2 x 3] by [2 x 3]: inner sizes 3 and 2 differ")
        }
    }
}
