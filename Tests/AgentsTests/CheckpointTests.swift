import XCTest
import Foundation
import Agents
import Engine

final class CheckpointTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func model(envID: String = "CartPole-v1", statistics: Bool = true) -> TrainedModel {
        let architecture = Architecture.seed(observationSize: 4, policy: .categorical(actions: 2), hidden: 8)
        let network = ActorCriticNetwork(architecture: architecture, seed: 5)
        var stats = RunningMeanStd(size: 4)
        let x: [Float] = [0.1, -0.2, 0.3, 0.05]
        stats.add(x)
        return TrainedModel(envID: envID, architecture: architecture, parameters: network.parameterArray,
                            observationStatistics: statistics ? stats : nil, hyperparameters: Hyperparameters(), steps: 1234)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func testRoundTrip() throws {
        let original = model()
        try Checkpoint.save(original, to: path("m.json"))
        XCTAssertEqual(try Checkpoint.load(from: path("m.json")), original)
        let withoutStatistics = model(statistics: false)
        try Checkpoint.save(withoutStatistics, to: path("m.json"))
        XCTAssertEqual(try Checkpoint.load(from: path("m.json")), withoutStatistics, "saving again replaces the file")
    }

    func testTruncatedFileIsRejected() throws {
        try Checkpoint.save(model(), to: path("m.json"))
        let data = try Data(contentsOf: URL(fileURLWithPath: path("m.json")))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path("t.json")))
        assertLoadFails(path("t.json"), containing: "is corrupt or truncated")
    }

    func testFlippedParameterIsCaughtByTheChecksum() throws {
        try Checkpoint.save(model(), to: path("m.json"))
        var text = try String(contentsOfFile: path("m.json"), encoding: .utf8)
        let range = text.range(of: "\"parameters\" : \"")!
        let index = text.index(range.upperBound, offsetBy: 10)
        let replacement: Character = text[index] == "A" ? "B" : "A"
        text.replaceSubrange(index...index, with: String(replacement))
        try text.write(toFile: path("m.json"), atomically: true, encoding: .utf8)
        assertLoadFails(path("m.json"), containing: "checksum does not match")
    }

    func testMismatchedEnvironmentIsRejected() throws {
        try Checkpoint.save(model(envID: "Acrobot-v1"), to: path("m.json"))
        assertLoadFails(path("m.json"), containing: "does not fit Acrobot-v1")
        try Checkpoint.save(model(envID: "NoSuchEnv-v0"), to: path("u.json"))
        assertLoadFails(path("u.json"), containing: "unknown environment id")
    }

    func testMissingFileAndNonCheckpointAreReported() throws {
        assertLoadFails(path("absent.json"), containing: "no such file")
        try Data("{\"hello\": 1}".utf8).write(to: URL(fileURLWithPath: path("other.json")))
        assertLoadFails(path("other.json"), containing: "not a readable checkpoint")
    }

    /// The temporary file cannot be written (a folder stands in its place): the save fails and
    /// the previous good checkpoint is untouched.
    func testFailedSaveKeepsThePreviousFile() throws {
        let good = model()
        try Checkpoint.save(good, to: path("m.json"))
        let before = try Data(contentsOf: URL(fileURLWithPath: path("m.json")))
        let blocker = folder.appendingPathComponent(".m.json.\(ProcessInfo.processInfo.processIdentifier).tmp")
        try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: false)
        XCTAssertTrue(FileManager.default.createFile(atPath: blocker.appendingPathComponent("x").path, contents: Data()))
        XCTAssertThrowsError(try Checkpoint.save(model(statistics: false), to: path("m.json"))) { error in
            XCTAssertTrue("\(error)".contains("any previous file there is unchanged"), "\(error)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path("m.json"))), before)
        XCTAssertEqual(try Checkpoint.load(from: path("m.json")), good)
    }

    func assertLoadFails(_ path: String, containing text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Checkpoint.load(from: path), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains(text), "\"\(error)\" should contain \"\(text)\"", file: file, line: line)
        }
    }
}
