import Agents
import Engine
@testable import Export
import Foundation
import XCTest

/// The ONNX file's structure: what it declares and where each parameter went. That onnxruntime
/// acts as `Policy` does is `make onnx-check`'s part (Python, outside `make test`).
final class ONNXExportTests: XCTestCase {
    func decoded(_ model: TrainedModel) throws -> Onnx_ModelProto {
        try Onnx_ModelProto(serializedBytes: try Export.onnx(model))
    }

    func initializer(_ name: String, in model: Onnx_ModelProto) throws -> (dims: [Int], values: [Float]) {
        let tensor = try XCTUnwrap(model.graph.initializer.first { $0.name == name }, "no initializer \(name)")
        XCTAssertEqual(tensor.dataType, Int32(Onnx_TensorProto.DataType.float.rawValue))
        let values = tensor.rawData.withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
        }
        return (tensor.dims.map(Int.init), values)
    }

    func shape(_ info: Onnx_ValueInfoProto) -> [String] {
        info.type.tensorType.shape.dim.map { $0.dimParam.isEmpty ? "\($0.dimValue)" : $0.dimParam }
    }

    func testDeclaresOpsetInputsAndOutputs() throws {
        let file = try decoded(ExportModels.dense)
        XCTAssertEqual(file.irVersion, 8)
        XCTAssertEqual(file.opsetImport.map(\.version), [Export.onnxOpset])
        XCTAssertEqual(file.graph.input.map(\.name), ["observation"])
        XCTAssertEqual(shape(file.graph.input[0]), ["N", "4"])
        XCTAssertEqual(file.graph.output.map(\.name), ["action", "logits", "value"])
        XCTAssertEqual(file.graph.output.map(shape), [["N"], ["N", "2"], ["N"]])
        XCTAssertEqual(file.graph.output[0].type.tensorType.elemType, Int32(Onnx_TensorProto.DataType.int64.rawValue))
        XCTAssertEqual(file.metadataProps.first { $0.key == "env_id" }?.value, "CartPole-v1")
        XCTAssertEqual(file.graph.node.filter { $0.opType == "Clip" }.count, 1, "the normalisation is inside the graph")

        let gaussian = try decoded(ExportModels.gaussian)
        XCTAssertEqual(gaussian.graph.output.map(\.name), ["action", "mean", "value"])
        XCTAssertEqual(gaussian.graph.output.map(shape), [["N", "1"], ["N", "1"], ["N"]])
    }

    func testRecurrentStateIsAnInputAndAnOutput() throws {
        let file = try decoded(ExportModels.recurrent)
        let width = "\(2 * (12 + 8))"
        XCTAssertEqual(file.graph.input.map(\.name), ["observation", "state"])
        XCTAssertEqual(shape(file.graph.input[1]), ["N", width])
        XCTAssertEqual(file.graph.output.map(\.name), ["action", "logits", "value", "state_out"])
        XCTAssertEqual(shape(file.graph.output[3]), ["N", width])
        XCTAssertEqual(file.graph.node.filter { $0.opType == "LSTM" }.count, 2)
    }

    /// Every parameter of every kind of network is in the file exactly once (conv weights permuted,
    /// LSTM gates reordered and biases joined do not lose or repeat any).
    func testEveryParameterIsInTheFileOnce() throws {
        for model in [ExportModels.dense, ExportModels.conv, ExportModels.recurrent, ExportModels.gaussian] {
            let file = try decoded(model)
            var stored: [Float] = []
            for tensor in file.graph.initializer where tensor.name.hasSuffix("weight") || tensor.name.hasSuffix("bias")
                || tensor.name.hasSuffix("weight_ih") || tensor.name.hasSuffix("weight_hh") {
                stored += try initializer(tensor.name, in: file).values
            }
            let logStd = model.architecture.policy.kind == .categorical ? 0 : model.architecture.policy.outputs
            XCTAssertEqual(stored.count + logStd, model.parameters.count, model.envID)
            let exported = stored.map(\.bitPattern).sorted()
            let own = model.parameters.dropLast(logStd).map(\.bitPattern).sorted()
            XCTAssertEqual(exported, own, model.envID)
        }
    }

    func testConvWeightsAreInONNXLayout() throws {
        let model = ExportModels.conv
        let layout = try ParameterLayout(model.architecture)
        guard case .conv2d(let second) = layout.torso[1] else { return XCTFail("the second stage is a conv") }
        let (dims, values) = try initializer("torso.1.weight", in: try decoded(model))
        XCTAssertEqual(dims, [4, 8, 3, 3], "filters, channels, kernel rows, kernel columns")
        // Ours: [filter][row][column][channel]; ONNX's: [filter][channel][row][column].
        let (f, ky, kx, ch) = (3, 2, 1, 5)
        XCTAssertEqual(values[((f * 8 + ch) * 3 + ky) * 3 + kx],
                       model.parameters[second.offset + f * second.patchSize + (ky * 3 + kx) * 8 + ch])
    }

    func testLSTMGatesAreInONNXOrder() throws {
        let model = ExportModels.recurrent
        let layout = try ParameterLayout(model.architecture)
        guard case .lstm(let first) = layout.torso[0] else { return XCTFail("the first stage is an LSTM") }
        let file = try decoded(model)
        let (dims, weights) = try initializer("torso.0.weight_ih", in: file)
        XCTAssertEqual(dims, [1, 4 * 12, 4])
        let (_, bias) = try initializer("torso.0.bias", in: file)
        XCTAssertEqual(bias.count, 8 * 12, "input then recurrent biases")
        let gateSize = 12 * 4
        // ONNX's gate k is ours at position [i, f, g, o].firstIndex(of: ONNX's (i, o, f, c)[k]).
        for (onnx, ours) in [(0, 0), (1, 3), (2, 1), (3, 2)] {
            XCTAssertEqual(Array(weights[(onnx * gateSize)..<((onnx + 1) * gateSize)]),
                           Array(model.parameters[(first.weightIHOffset + ours * gateSize)..<(first.weightIHOffset + (ours + 1) * gateSize)]))
            XCTAssertEqual(bias[48 + onnx * 12], model.parameters[first.biasHHOffset + ours * 12])
        }
    }

    func testSameModelSameBytesAndNonFiniteRefused() throws {
        XCTAssertEqual(try Export.onnx(ExportModels.conv), try Export.onnx(ExportModels.conv))
        XCTAssertEqual(try Export.Format(named: "ONNX"), .onnx)
        var model = ExportModels.recurrent
        model.parameters[100] = .infinity
        XCTAssertThrowsError(try Export.onnx(model)) { error in
            XCTAssertTrue("\(error)".contains("torso.0.weight_ih[100]"), "\(error)")
        }
    }
}
