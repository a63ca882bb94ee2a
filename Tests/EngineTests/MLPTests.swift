import XCTest
import Engine

final class MLPTests: XCTestCase {
    /// loss = Σ y ⊙ r for a fixed r: every parameter and input gradient against finite differences.
    /// Smooth activations only: with 32 rows a ReLU unit sits within a step of its kink, and ReLU's
    /// backward is checked in `ActivationTests` and in the ReLU network of `ActorCriticNetworkTests`.
    func testBackwardMatchesFiniteDifferences() {
        for activation in [Activation.silu, .tanh] {
            for batch in [1, 5, 32] {
                let sizes = [3, 7, 5, 2]
                let mlp = MLP(sizes: sizes, activation: activation, outputActivation: .tanh, initialization: .orthogonal, seed: 3)
                let x = Buffer(randomFloats(batch * 3, seed: 51))
                let r = randomFloats(batch * 2, seed: 52)
                func loss() -> Double {
                    let y = mlp.forward(x.pointer, batch: batch)
                    return (0..<(batch * 2)).reduce(0) { $0 + Double(y[$1]) * Double(r[$1]) }
                }
                _ = loss()
                mlp.zeroGradients()
                var dx = [Float](repeating: 0, count: batch * 3)
                mlp.backward(x.pointer, batch: batch, outputGradient: r, inputGradient: &dx)
                let analytic = Array(mlp.gradients).map(Double.init)
                let step: Float = 1e-2
                let numeric = numericalGradient(of: loss, values: mlp.parameters.baseAddress!,
                                                indices: Array(0..<mlp.parameterCount), step: step)
                assertGradientsMatch(analytic, numeric, "MLP \(sizes) \(activation) parameters, batch \(batch)")
                assertGradientsMatch(dx.map(Double.init), x.numericalGradient(of: loss, step: step),
                                     "MLP \(sizes) \(activation) inputs, batch \(batch)")
            }
        }
    }

    func testLayoutAndShapes() throws {
        let mlp = MLP(sizes: [4, 64, 64, 2], activation: .tanh, seed: 1)
        XCTAssertEqual(mlp.parameterCount, (4 * 64 + 64) + (64 * 64 + 64) + (64 * 2 + 2))
        XCTAssertEqual(try mlp.evaluate(Matrix(rows: 3, columns: 4)).shapeDescription, "[3 x 2]")
        XCTAssertThrowsError(try mlp.evaluate(Matrix(rows: 3, columns: 5))) { error in
            XCTAssertEqual("\(error)", "input batch [3 x 5] does not fit the MLP [4, 64, 64, 2]: expected [B x 4] with B ≥ 1")
        }
    }
}
