import XCTest
import Foundation

/// `a3c train` as a long run is used: signals, exit statuses, resume, periodic and best
/// checkpoints, paths checked before training, `a3c info`, and damaged checkpoints.
final class LongRunCommandTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-long-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }


    /// SIGTERM (what `kill`, `timeout` and container stops send) stops the run cleanly: the
    /// checkpoint is saved and the status is 143. The signal is sent once the first progress line
    /// shows that training runs.
    func testSIGTERMSavesAndExitsWith143() throws {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["train", "CartPole-v1", "--workers", "1", "--max-steps", "1000000000", "--target", "1000000",
                             "--progress-interval", "0.1", "--save", path("run.json")]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        var output = ""
        while !output.contains("steps/s") {
            let chunk = pipe.fileHandleForReading.availableData
            XCTAssertFalse(chunk.isEmpty, "a3c train ended before its first progress line: \(output)")
            if chunk.isEmpty { return }
            output += String(decoding: chunk, as: UTF8.self)
        }
        process.terminate()  // SIGTERM
        output += String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit, output)
        XCTAssertEqual(process.terminationStatus, 143, output)
        XCTAssertTrue(output.contains("SIGTERM: finishing the current updates"), output)
        XCTAssertTrue(output.contains("done (interrupted)"), output)
        XCTAssertTrue(output.contains("saved checkpoint to \(path("run.json"))"), output)
        let info = try run(["info", path("run.json")])
        XCTAssertEqual(info.status, 0, info.output)
        XCTAssertTrue(info.output.contains("environment:  CartPole-v1"), info.output)
    }

    /// An unwritable --save or --log is refused with a clear message before the first step.
    func testUnwritablePathsAreRefusedBeforeTraining() throws {
        for (arguments, message) in [(["--save", "/no/such/folder/run.json"], "the folder /no/such/folder does not exist"),
                                     (["--save", folder.path], "it is a directory"),
                                     (["--log", "/no/such/folder/log.csv"], "cannot write the log file /no/such/folder/log.csv"),
                                     (["--log", folder.path], "it is a directory")] {
            let result = try run(["train", "CartPole-v1", "--max-steps", "100000000"] + arguments)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.output)")
            XCTAssertTrue(result.output.contains(message), "\(arguments): \(result.output)")
            XCTAssertFalse(result.output.contains("training CartPole-v1"), "refused before training: \(result.output)")
        }
    }

    /// Train, then resume from the checkpoint: steps in the progress lines and the CSV continue,
    /// evaluations go to the log and the best model is kept beside --save.
    func testResumeContinuesStepsInTheLogAndKeepsTheBestModel() throws {
        let first = try run(["train", "CartPole-v1", "--workers", "1", "--max-steps", "30000", "--seed", "2", "--save", path("run.json"),
                             "--log", path("log.csv"), "--eval-every", "10000", "--eval-episodes", "2"])
        XCTAssertEqual(first.status, 0, first.output)
        XCTAssertTrue(first.output.contains("evaluation at "), first.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("run.best.json")), first.output)
        let second = try run(["train", "--resume", path("run.json"), "--max-steps", "60000", "--save", path("run.json"),
                              "--log", path("log.csv"), "--progress-interval", "0.001"])
        XCTAssertEqual(second.status, 0, second.output)
        XCTAssertTrue(second.output.contains("resuming \(path("run.json")) at 3"), second.output)

        let rows = try String(contentsOfFile: path("log.csv"), encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertEqual(rows.filter { $0.first == "seconds" }.count, 1, "the resumed run continues the log")
        let steps = rows.dropFirst().map { Int($0[1])! }
        XCTAssertEqual(steps, steps.sorted(), "steps only grow across the resume")
        XCTAssertGreaterThanOrEqual(steps.last!, 60_000)
        let evaluationColumn = try XCTUnwrap(rows.first?.firstIndex(of: "evaluation_mean_return"))
        XCTAssertTrue(rows.dropFirst().contains { !$0[evaluationColumn].isEmpty }, "evaluation rows carry their mean return")
        let info = try run(["info", path("run.json")])
        XCTAssertTrue(info.output.contains("trained:      6"), info.output)
        XCTAssertTrue(info.output.contains("best eval:"), info.output)
        XCTAssertTrue(info.output.contains("state saved after"), info.output)
    }

    /// A format-1 checkpoint resumes with a fresh optimizer and says so.
    func testOlderCheckpointResumesWithAFreshOptimizer() throws {
        XCTAssertEqual(try run(["train", "CartPole-v1", "--workers", "1", "--max-steps", "5000", "--save", path("run.json")]).status, 0)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("run.json")))) as! [String: Any]
        json["version"] = 1
        json["training"] = nil
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path("v1.json")))
        let info = try run(["info", path("v1.json")])
        XCTAssertTrue(info.output.contains("format 1"), info.output)
        let resumed = try run(["train", "--resume", path("v1.json"), "--max-steps", "10000"])
        XCTAssertEqual(resumed.status, 0, resumed.output)
        XCTAssertTrue(resumed.output.contains("no optimizer state (format 1): the rmsprop optimizer starts fresh"), resumed.output)
    }

    /// Damaged checkpoints end with status 1 and a message from `eval`, `info` and `--resume`, never a crash.
    func testDamagedCheckpointsExitWithStatusOne() throws {
        XCTAssertEqual(try run(["train", "CartPole-v1", "--workers", "1", "--max-steps", "2000", "--hidden", "8", "--save", path("ok.json")]).status, 0)
        let valid = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("ok.json")))) as! [String: Any]
        var cases: [(String, [String: Any])] = []
        var json = valid
        json["parameterCount"] = Int.max
        cases.append(("parameterCount is 9223372036854775807", json))
        json = valid
        var architecture = valid["architecture"] as! [String: Any]
        architecture["hidden"] = [-5]
        json["architecture"] = architecture
        cases.append(("hidden layer widths must be positive", json))
        json = valid
        var statistics: [String: Any] = ["count": 3.0, "mean": [0.0, 0.0, 0.0, 0.0], "variance": [1.0]]
        json["observationStatistics"] = statistics
        cases.append(("variance has 1 components", json))
        statistics["variance"] = [1.0, 1.0, -2.0, 1.0]
        json["observationStatistics"] = statistics
        cases.append(("every variance must be finite and non-negative", json))
        for (index, (message, edited)) in cases.enumerated() {
            let file = path("bad\(index).json")
            try JSONSerialization.data(withJSONObject: edited).write(to: URL(fileURLWithPath: file))
            for command in [["eval", file], ["info", file], ["train", "--resume", file]] {
                let result = try run(command)
                XCTAssertEqual(result.status, 1, "\(command): \(result.output)")
                XCTAssertTrue(result.output.contains(message), "\(command): \(result.output)")
            }
        }
        let directory = try run(["eval", folder.path])
        XCTAssertEqual(directory.status, 1, directory.output)
        XCTAssertTrue(directory.output.contains("it is a directory"), directory.output)
    }
}
