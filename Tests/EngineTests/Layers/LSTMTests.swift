import Foundation
import XCTest
import Engine

/// The LSTM layer against PyTorch's `nn.LSTM` for fixed weights and a non-zero initial state
/// (`Fixtures/lstm_pytorch.json`, written by `Benchmarks/lstm_reference.py`).
final class LSTMTests: XCTestCase {
    struct Reference: Decodable {
        var inputSize: Int, hiddenSize: Int, steps: Int, sequences: Int
        var weightIH: [Double], weightHH: [Double], biasIH: [Double], biasHH: [Double]
        var input: [Double], h0: [Double], c0: [Double], output: [Double], hT: [Double], cT: [Double]
    }

    func testForwardMatchesPyTorch() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/lstm_pytorch.json")
        let r = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let layer = LSTM(inputs: r.inputSize, units: r.hiddenSize, offset: 0, stateOffset: 0)
        let parameters = (r.weightIH + r.weightHH + r.biasIH + r.biasHH).map(Float.init)
        XCTAssertEqual(parameters.count, layer.parameterCount)
        let rows = r.steps * r.sequences, n = r.hiddenSize
        let memory = UnsafeMutablePointer<Float>.allocate(capacity: LSTM.Buffers.size(layer, rows: rows))
        defer { memory.deallocate() }
        let buffers = LSTM.Buffers(layer, rows: rows, memory: memory)
        var state = [Float](repeating: 0, count: r.sequences * 2 * n)
        for b in 0..<r.sequences {
            for k in 0..<n {
                state[b * 2 * n + k] = Float(r.h0[b * n + k])
                state[b * 2 * n + n + k] = Float(r.c0[b * n + k])
            }
        }
        let x = r.input.map(Float.init)
        layer.forward(steps: r.steps, sequences: r.sequences, firstRow: 0, x: x, state: &state, stateWidth: 2 * n,
                      episodeStarts: nil, buffers: buffers, parameters: parameters)
        for i in 0..<(rows * n) { XCTAssertEqual(Double(buffers.h[i]), r.output[i], accuracy: 1e-5, "output \(i)") }
        for b in 0..<r.sequences {
            for k in 0..<n {
                XCTAssertEqual(Double(state[b * 2 * n + k]), r.hT[b * n + k], accuracy: 1e-5, "h_T")
                XCTAssertEqual(Double(state[b * 2 * n + n + k]), r.cT[b * n + k], accuracy: 1e-5, "c_T")
            }
        }
    }
}
