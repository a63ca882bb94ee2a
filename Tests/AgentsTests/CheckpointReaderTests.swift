import XCTest
import Foundation
import Agents
import Engine

/// Edited and damaged checkpoints: each ends in a `CheckpointError` naming what is wrong, never in
/// a trap (the cases of issue #12, each of which crashed `a3c eval` before).
final class CheckpointReaderTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A small CartPole checkpoint with statistics and optimiser state, as a JSON object.
    func validJSON() throws -> [String: Any] {
        let architecture = Architecture.seed(observationSize: 4, policy: .categorical(actions: 2), hidden: 8)
        let parameters = ActorCriticNetwork(architecture: architecture, seed: 5).parameterArray
        var statistics = RunningMeanStd(size: 4)
        statistics.add([0.1, -0.2, 0.3, 0.05])
        var h = Hyperparameters()
        h.hidden = [8]
        let state = OptimizerState(stepCount: 3, firstMoment: parameters.map { abs($0) * 0.1 }, secondMoment: parameters.map { $0 * $0 })
        let model = TrainedModel(envID: "CartPole-v1", architecture: architecture, parameters: parameters, observationStatistics: statistics,
                                 hyperparameters: h, steps: 100,
                                 progress: TrainingProgress(updates: 20, episodes: 4, seconds: 0.5, recentReturns: [10, 12, 9, 30], optimizer: state))
        try Checkpoint.save(model, to: path("valid.json"))
        XCTAssertEqual(try Checkpoint.load(from: path("valid.json")), model)
        return try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("valid.json")))) as! [String: Any]
    }

    /// Writes `json` edited by `edit` and checks that loading it fails with a message containing `text`.
    func assertEditFails(_ text: String, file: StaticString = #filePath, line: UInt = #line, _ edit: (inout [String: Any]) -> Void) throws {
        var json = try validJSON()
        edit(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path("edited.json")))
        assertLoadFails(path("edited.json"), containing: text, file: file, line: line)
    }

    func assertLoadFails(_ path: String, containing text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Checkpoint.load(from: path), file: file, line: line) { error in
            XCTAssertTrue(error is CheckpointError, "\(type(of: error))", file: file, line: line)
            XCTAssertTrue("\(error)".contains(text), "\"\(error)\" should contain \"\(text)\"", file: file, line: line)
        }
    }

    func testHugeParameterCounts() throws {
        try assertEditFails("parameterCount is 9223372036854775807, its architecture has 67 parameters") { $0["parameterCount"] = Int.max }
        try assertEditFails("parameterCount is 4611686018427387904") { $0["parameterCount"] = 1 << 62 }
        try assertEditFails("parameterCount must be positive, got -4") { $0["parameterCount"] = -4 }
    }

    func testInvalidHiddenWidths() throws {
        func hidden(_ widths: [Int]) -> (inout [String: Any]) -> Void {
            { json in
                var architecture = json["architecture"] as! [String: Any]
                architecture["hidden"] = widths
                json["architecture"] = architecture
            }
        }
        try assertEditFails("hidden layer widths must be positive, got [0]", hidden([0]))
        try assertEditFails("hidden layer widths must be positive, got [-5]", hidden([-5]))
        try assertEditFails("parameter count overflows", hidden([1 << 62]))
        try assertEditFails("parameter count overflows", hidden([1 << 31, 1 << 31, 1 << 31]))
        try assertEditFails("1 to 64 hidden layers, got 0", hidden([]))
        try assertEditFails("1 to 64 hidden layers, got 65", hidden([Int](repeating: 1, count: 65)))
        try assertEditFails("architecture has", hidden([9]))
    }

    func testInvalidSizesOfTheSpaces() throws {
        try assertEditFails("observation size must be positive, got 0") { json in
            var architecture = json["architecture"] as! [String: Any]
            architecture["observationSize"] = 0
            json["architecture"] = architecture
        }
        try assertEditFails("at least one action, got -1") { json in
            var architecture = json["architecture"] as! [String: Any]
            architecture["policy"] = ["categorical": ["actions": -1]]
            json["architecture"] = architecture
        }
    }

    func testObservationStatistics() throws {
        func statistics(_ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
            { json in
                var s = json["observationStatistics"] as! [String: Any]
                s[key] = value
                json["observationStatistics"] = s
            }
        }
        try assertEditFails("variance has 3 components, the network has 4 inputs", statistics("variance", [1.0, 1.0, 1.0]))
        try assertEditFails("mean has 5 components", statistics("mean", [0.0, 0.0, 0.0, 0.0, 0.0]))
        try assertEditFails("every variance must be finite and non-negative, got -1.0", statistics("variance", [1.0, -1.0, 1.0, 1.0]))
        try assertEditFails("count must be finite and non-negative", statistics("count", -3.0))
    }

    func testSavedHyperparametersAreValidated() throws {
        func hyperparameter(_ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
            { json in
                var h = json["hyperparameters"] as! [String: Any]
                h[key] = value
                json["hyperparameters"] = h
            }
        }
        try assertEditFails("saved hyperparameters: invalid hyperparameter: gamma must be in (0, 1], got 5.0", hyperparameter("gamma", 5))
        try assertEditFails("saved hyperparameters: invalid hyperparameter: workers must be in 1...1024, got 0", hyperparameter("workers", 0))
        try assertEditFails("workers must be in 1...1024, got 4611686018427387904", hyperparameter("workers", 1 << 62))
        try assertEditFails("tMax must be in 1...65536", hyperparameter("tMax", Int.max))
        try assertEditFails("learning rate must be positive", hyperparameter("learningRate", -1))
        try assertEditFails("RMSProp's epsilon must be positive", hyperparameter("optimizer", ["rmsprop": ["alpha": 0.99, "epsilon": -1]]))
        try assertEditFails("missing \"hyperparameters.gamma\"") { json in
            var h = json["hyperparameters"] as! [String: Any]
            h["gamma"] = nil
            json["hyperparameters"] = h
        }
    }

    func testTrainingProgressAndOptimizerState() throws {
        func training(_ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
            { json in
                var t = json["training"] as! [String: Any]
                t[key] = value
                json["training"] = t
            }
        }
        try assertEditFails("training.updates must be non-negative", training("updates", -1))
        try assertEditFails("recentReturns holds 101 returns", training("recentReturns", [Double](repeating: 1, count: 101)))
        try assertEditFails("optimizer firstMoment holds 8 bytes", { json in
            var t = json["training"] as! [String: Any]
            var o = t["optimizer"] as! [String: Any]
            o["firstMoment"] = Data(count: 8).base64EncodedString()
            t["optimizer"] = o
            json["training"] = t
        })
        try assertEditFails("training.optimizer.stepCount must be non-negative", { json in
            var t = json["training"] as! [String: Any]
            var o = t["optimizer"] as! [String: Any]
            o["stepCount"] = -2
            t["optimizer"] = o
            json["training"] = t
        })
    }

    func testParameterDataOfTheWrongLength() throws {
        try assertEditFails("parameter data holds 6 bytes") { $0["parameters"] = Data(count: 6).base64EncodedString() }
        try assertEditFails("parameter data is not base64") { $0["parameters"] = "%%%" }
    }

    func testDirectoryTruncatedAndGarbageFiles() throws {
        assertLoadFails(folder.path, containing: "it is a directory; give the checkpoint file")
        _ = try validJSON()
        let data = try Data(contentsOf: URL(fileURLWithPath: path("valid.json")))
        for cut in [0, 1, data.count / 3, data.count - 2] {
            try data.prefix(cut).write(to: URL(fileURLWithPath: path("cut.json")))
            assertLoadFails(path("cut.json"), containing: "is corrupt or truncated")
        }
        var rng = SystemRandomNumberGenerator()
        let garbage = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) })
        try garbage.write(to: URL(fileURLWithPath: path("garbage.json")))
        assertLoadFails(path("garbage.json"), containing: "is corrupt or truncated")
        try Data(String(repeating: "[", count: 100_000).utf8).write(to: URL(fileURLWithPath: path("deep.json")))
        assertLoadFails(path("deep.json"), containing: "is corrupt or truncated")
    }

    func testVersionsAndFormatTag() throws {
        try assertEditFails("format version 4; this build reads versions 1 to 3") { $0["version"] = 4 }
        try assertEditFails("format tag is \"other\"") { $0["format"] = "other" }
    }

    /// Removes what format 3 added: the manifest, the torso and the observation shape.
    func formatTwo(_ json: inout [String: Any]) {
        json["version"] = 2
        json["tensors"] = nil
        var architecture = json["architecture"] as! [String: Any]
        architecture["torso"] = nil
        architecture["observationShape"] = nil
        json["architecture"] = architecture
        var hyperparameters = json["hyperparameters"] as! [String: Any]
        hyperparameters["torso"] = nil
        json["hyperparameters"] = hyperparameters
    }

    /// A format-2 file (no torso, no manifest) loads as the same model.
    func testFormatTwoLoadsUnchanged() throws {
        var json = try validJSON()
        let model = try Checkpoint.load(from: path("valid.json"))
        formatTwo(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path("v2.json")))
        XCTAssertEqual(try Checkpoint.load(from: path("v2.json")), model)
    }

    /// Format 3's manifest must be there and match the architecture's layout.
    func testTensorManifestIsChecked() throws {
        try assertEditFails("needs the tensor manifest") { $0["tensors"] = nil }
        try assertEditFails("the tensor manifest does not match the architecture's layout: trunk.0.weight [8, 4] at 1") { json in
            var tensors = json["tensors"] as! [[String: Any]]
            tensors[0]["offset"] = 1
            json["tensors"] = tensors
        }
        try assertEditFails("(5 tensors, expected 6)") { json in
            json["tensors"] = Array((json["tensors"] as! [[String: Any]]).dropLast())
        }
    }

    /// Torso layers in a file: sizes that do not fit are refused with the layer named, before allocation.
    func testInvalidTorsoLayers() throws {
        func torso(_ layers: [[String: Any]], shape: [Int]? = nil) -> (inout [String: Any]) -> Void {
            { json in
                var architecture = json["architecture"] as! [String: Any]
                architecture["torso"] = layers
                if let shape { architecture["observationShape"] = shape }
                json["architecture"] = architecture
            }
        }
        try assertEditFails("needs a (height, width, channels) input, got shape [4]", torso([["conv2d": ["filters": 2, "kernel": 1, "stride": 1]]]))
        try assertEditFails("a 3×3 kernel does not fit its 2×2 input", torso([["conv2d": ["filters": 2, "kernel": 3, "stride": 1]]], shape: [2, 2, 1]))
        try assertEditFails("overflows", torso([["dense": ["units": 1 << 40]], ["dense": ["units": 1 << 40]]]))
        try assertEditFails("observation shape [3, 3] does not hold 4 values", torso([], shape: [3, 3]))
        try assertEditFails("at most 32 layers", torso(Array(repeating: ["dense": ["units": 1]], count: 33)))
        try assertEditFails("not a readable checkpoint", torso([["pool": ["size": 2]]]))
    }

    /// A format-1 file (today's before this change: no training progress) still loads.
    func testFormatOneLoadsWithoutProgress() throws {
        var json = try validJSON()
        formatTwo(&json)
        json["version"] = 1
        json["training"] = nil
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path("v1.json")))
        let model = try Checkpoint.load(from: path("v1.json"))
        XCTAssertNil(model.progress)
        XCTAssertEqual(model.steps, 100)
    }

    /// The temporary file an interrupted save left behind (its process gone) goes with the next save.
    func testStaleTemporaryFileIsRemovedByTheNextSave() throws {
        _ = try validJSON()
        var pid: Int32 = 999_999
        while kill(pid, 0) == 0 || errno != ESRCH { pid -= 1 }
        let stale = path(".valid.json.\(pid).tmp")
        XCTAssertTrue(FileManager.default.createFile(atPath: stale, contents: Data("partial".utf8)))
        let unrelated = path(".other.json.\(pid).tmp")
        XCTAssertTrue(FileManager.default.createFile(atPath: unrelated, contents: Data()))
        _ = try validJSON()
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale))
        XCTAssertTrue(FileManager.default.fileExists(atPath: unrelated), "only the saved file's temporaries are touched")
    }

    func testUnwritablePathsAreRefusedBeforeWork() {
        XCTAssertThrowsError(try Checkpoint.checkWritable("/no/such/folder/model.json")) { error in
            XCTAssertTrue("\(error)".contains("the folder /no/such/folder does not exist"), "\(error)")
        }
        XCTAssertThrowsError(try Checkpoint.checkWritable(folder.path)) { error in
            XCTAssertTrue("\(error)".contains("it is a directory"), "\(error)")
        }
        XCTAssertNoThrow(try Checkpoint.checkWritable(path("new.json")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("new.json")), "the check leaves nothing behind")
    }
}
