import XCTest
import Foundation

/// The `a3c` executable as a user runs it: exit codes and messages for good and bad input.
final class CommandLineTests: XCTestCase {
    /// The `a3c` binary next to this test bundle (same build configuration).
    static let executable: URL = {
        let bundle = Bundle.main.bundleURL
        for folder in [bundle.deletingLastPathComponent(), bundle] {
            let candidate = folder.appendingPathComponent("a3c")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/release/a3c")
    }()


    func testUnknownEnvironmentNamesTheClosestId() throws {
        let (status, output) = try run(["train", "CartPol-v1", "--max-steps", "10"])
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(output.contains("unknown environment id \"CartPol-v1\". Did you mean \"CartPole-v1\"?"), output)
        XCTAssertFalse(output.contains("Fatal error"), output)
    }

    func testBadFlagValuesAreRejected() throws {
        for (arguments, message) in [(["--workers", "0"], "--workers must be an integer ≥ 1, got 0"),
                                     (["--gamma", "1.5"], "--gamma must be a number in (0, 1], got 1.5"),
                                     (["--activation", "sigmoid"], "sigmoid"),
                                     (["--hidden", "64,x"], "--hidden must be positive layer widths"),
                                     (["--lr", "abc"], "abc")] {
            let (status, output) = try run(["train", "CartPole-v1"] + arguments)
            XCTAssertNotEqual(status, 0, "\(arguments)")
            XCTAssertTrue(output.contains(message), "\(arguments): \(output)")
        }
    }

    /// Sizes a user types that would overflow or not fit in memory are refused before any allocation.
    func testNetworksTooLargeAreRefusedWithTheSizeTheyNeed() throws {
        for (arguments, message) in [(["--hidden", "4611686018427387904,4"], "parameter count overflows"),
                                     (["--hidden", "100000,100000,100000"], "GiB for 2 networks of 6 rows; this machine has"),
                                     (["--torso", "dense:4000000000,dense:4000000000"], "parameter count overflows"),
                                     (["--torso", "conv:4:3"], "needs a (height, width, channels) input")] {
            let (status, output) = try run(["train", "CartPole-v1", "--workers", "2", "--max-steps", "100"] + arguments)
            XCTAssertEqual(status, 1, "\(arguments): \(output)")
            XCTAssertTrue(output.contains(message), "\(arguments): \(output)")
            XCTAssertFalse(output.contains("Fatal error"), output)
        }
    }

    func testTrainSaveAndEvaluate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let checkpoint = folder.appendingPathComponent("cartpole.json").path
        let log = folder.appendingPathComponent("log.csv").path
        let train = try run(["train", "CartPole-v1", "--workers", "1", "--max-steps", "20000", "--seed", "2",
                             "--save", checkpoint, "--log", log])
        XCTAssertEqual(train.status, 0, train.output)
        XCTAssertTrue(train.output.contains("saved checkpoint to \(checkpoint)"), train.output)
        let csv = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(csv.first.map(String.init), "seconds,steps,steps_per_second,updates,episodes,mean100_return,policy_loss,value_loss,entropy," +
                       "mean100_length,learning_rate,evaluation_mean_return,evaluation_return_std,evaluation_kind")
        XCTAssertGreaterThanOrEqual(csv.count, 2)

        let eval = try run(["eval", checkpoint, "--episodes", "5", "--deterministic"])
        XCTAssertEqual(eval.status, 0, eval.output)
        XCTAssertTrue(eval.output.contains("CartPole-v1: 5 episodes, return"), eval.output)

        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: checkpoint))
        let corrupt = try run(["eval", checkpoint])
        XCTAssertNotEqual(corrupt.status, 0)
        XCTAssertTrue(corrupt.output.contains("is corrupt or truncated"), corrupt.output)
    }

    /// Reaching the target starts a confirming evaluation, printed and logged with its kind; the
    /// option and its configuration key turn it off.
    func testReachingTheTargetIsConfirmedByAnEvaluation() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-cli-confirm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("log.csv").path
        let train = try run(["train", "CartPole-v1", "--workers", "1", "--target", "30", "--confirm-episodes", "20",
                             "--max-steps", "200000", "--seed", "2", "--log", log])
        XCTAssertEqual(train.status, 0, train.output)
        XCTAssertTrue(train.output.contains("confirming evaluation at "), train.output)
        XCTAssertTrue(train.output.contains("over 20 episodes"), train.output)
        let rows = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(rows.contains { $0.hasSuffix(",confirmed") || $0.hasSuffix(",confirmation") }, rows.joined(separator: "\n"))

        let off = try run(["train", "CartPole-v1", "--workers", "1", "--target", "30", "--confirm-episodes", "0",
                           "--max-steps", "200000", "--seed", "2"])
        XCTAssertEqual(off.status, 0, off.output)
        XCTAssertFalse(off.output.contains("confirming evaluation"), off.output)
        XCTAssertTrue(off.output.contains("done (solved)"), off.output)
        let printed = try run(["train", "CartPole-v1", "--confirm-episodes", "0", "--print-config"])
        XCTAssertTrue(printed.output.contains("confirm-episodes: 0  # stop on the training mean100 alone"), printed.output)
        XCTAssertTrue(try run(["train", "CartPole-v1", "--print-config"]).output.contains("confirm-episodes: 100\n"))
    }

    func testTensorBoardEventsAreWrittenAndAnUnusableDirectoryStopsBeforeTraining() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-cli-tb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let events = folder.appendingPathComponent("runs/cartpole").path
        let train = try run(["train", "CartPole-v1", "--workers", "1", "--max-steps", "5000", "--tensorboard", events])
        XCTAssertEqual(train.status, 0, train.output)
        let files = try FileManager.default.contentsOfDirectory(atPath: events)
        XCTAssertEqual(files.count, 1)
        XCTAssertTrue(files[0].hasPrefix("events.out.tfevents."), files[0])
        XCTAssertGreaterThan(try Data(contentsOf: URL(fileURLWithPath: events).appendingPathComponent(files[0])).count, 100)

        let file = folder.appendingPathComponent("not-a-directory").path
        try Data().write(to: URL(fileURLWithPath: file))
        let refused = try run(["train", "CartPole-v1", "--max-steps", "5000", "--tensorboard", file])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.output.contains("cannot write TensorBoard events to \(file): it is a file, not a directory"), refused.output)
        XCTAssertFalse(refused.output.contains("training CartPole-v1"), refused.output)
    }
}
