import Foundation
import XCTest

/// `a3c export` as a user runs it: both formats with a trace, and bad input refused before
/// anything is written.
final class ExportCommandLineTests: XCTestCase {
    func testExportsBothFormatsAndRefusesBadInput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-export-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let trained = try run(["train", "CartPole-v1", "--max-steps", "2000", "--workers", "1", "--seed", "1", "--save", path("cp.json")])
        XCTAssertEqual(trained.status, 0, trained.output)

        let onnx = try run(["export", path("cp.json"), "--format", "onnx", "--out", path("p.onnx"), "--trace", path("t.json"), "--trace-steps", "30"])
        XCTAssertEqual(onnx.status, 0, onnx.output)
        XCTAssertTrue(onnx.output.contains("wrote \(path("p.onnx"))"), onnx.output)
        XCTAssertTrue(onnx.output.contains("wrote \(path("t.json")) (30 steps from seed 0)"), onnx.output)
        let trace = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("t.json")))) as? [String: Any]
        XCTAssertEqual((trace?["observations"] as? [[Double]])?.count, 30)

        let c = try run(["export", path("cp.json"), "--format", "c", "--out", path("p.c"), "--header", path("p.h")])
        XCTAssertEqual(c.status, 0, c.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("p.h")))

        let format = try run(["export", path("cp.json"), "--format", "tflite", "--out", path("p.tflite")])
        XCTAssertEqual(format.status, 64, format.output)
        XCTAssertTrue(format.output.contains("unknown export format \"tflite\"; expected one of c, onnx"), format.output)
        let header = try run(["export", path("cp.json"), "--format", "onnx", "--out", path("q.onnx"), "--header", path("q.h")])
        XCTAssertEqual(header.status, 64, header.output)
        XCTAssertTrue(header.output.contains("--header goes with --format c only"), header.output)
        let steps = try run(["export", path("cp.json"), "--format", "onnx", "--out", path("q.onnx"), "--trace", path("q.json"), "--trace-steps", "0"])
        XCTAssertEqual(steps.status, 64, steps.output)
        XCTAssertTrue(steps.output.contains("--trace-steps must be 1 to"), steps.output)

        let unwritable = try run(["export", path("cp.json"), "--format", "onnx", "--out", path("missing/q.onnx"), "--trace", path("q.json")])
        XCTAssertEqual(unwritable.status, 1, unwritable.output)
        XCTAssertTrue(unwritable.output.contains("does not exist"), unwritable.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("q.json")), "nothing is written when one path is bad")

        try Data("{\"format\": 3".utf8).write(to: URL(fileURLWithPath: path("bad.json")))
        let corrupt = try run(["export", path("bad.json"), "--format", "onnx", "--out", path("q.onnx")])
        XCTAssertEqual(corrupt.status, 1, corrupt.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("q.onnx")))
    }
}
