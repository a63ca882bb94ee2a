import XCTest
import Engine
import SeededRandom

final class InitializationTests: XCTestCase {
    func testOrthogonalRowsOrColumnsAreOrthonormalTimesGain() throws {
        for (rows, columns, gain) in [(4, 4, Float(1)), (3, 7, Float(2).squareRoot()), (9, 2, Float(0.01))] {
            var rng = Xoshiro256(seed: 1)
            var w = [Float](repeating: 0, count: rows * columns)
            Initialization.orthogonal(rows: rows, columns: columns, gain: gain, rng: &rng, into: &w)
            let m = Matrix(rows: rows, columns: columns, elements: w)
            let gram = rows <= columns ? try Matrix.product(m, m, transposeB: true) : try Matrix.product(m, m, transposeA: true)
            for i in 0..<gram.rows {
                for j in 0..<gram.columns {
                    XCTAssertEqual(gram[i, j], i == j ? gain * gain : 0, accuracy: 1e-5 * max(1, gain * gain),
                                   "[\(rows) x \(columns)] gain \(gain) at (\(i), \(j))")
                }
            }
        }
    }

    func testNetworkInitialisationSchemes() {
        let orthogonal = ActorCriticNetwork(architecture: .separate(observationSize: 4, policy: .categorical(actions: 2)), seed: 2)
        // First layer: 64 × 4, columns orthonormal times √2; its bias is zero.
        let first = Array(orthogonal.parameters[0..<256])
        for a in 0..<4 {
            for b in 0..<4 {
                let dot = (0..<64).reduce(Float(0)) { $0 + first[$1 * 4 + a] * first[$1 * 4 + b] }
                XCTAssertEqual(dot, a == b ? 2 : 0, accuracy: 1e-4)
            }
        }
        XCTAssertTrue(orthogonal.parameters[256..<320].allSatisfy { $0 == 0 })

        let pytorch = ActorCriticNetwork(architecture: .seed(observationSize: 4, policy: .categorical(actions: 2)), seed: 2)
        let bound = 1 / Float(4).squareRoot()
        let firstLayer = pytorch.parameters[0..<(4 * 128 + 128)]
        XCTAssertTrue(firstLayer.allSatisfy { abs($0) <= bound })
        XCTAssertGreaterThan(firstLayer.map(abs).max()!, 0.9 * bound, "uniform over the whole ±1/√in range")
    }
}
