import Environments
import Foundation
import XCTest

/// Every recorded gymnasium episode replays within 1e-5 (observations) and 1e-6 (rewards), flags exact.
final class FixtureReplayTests: XCTestCase {
    func testEveryFixtureReplaysWithinTolerance() throws {
        for id in Fixtures.ids {
            let url = Fixtures.url(id)
            guard FileManager.default.fileExists(atPath: url.path) else {
                XCTFail("missing fixture \(url.path); set A3C_FIXTURES to the fixtures directory")
                continue
            }
            let fixture = try Fixture(contentsOf: url)
            XCTAssertEqual(fixture.env, id)
            XCTAssertFalse(fixture.episodes.isEmpty, "\(id): fixture has no episodes")
            let report = try fixture.replay(expecting: id)
            XCTAssertEqual(report.episodes, fixture.episodes.count, id)
            XCTAssertEqual(report.steps, fixture.episodes.map(\.actions.count).reduce(0, +), id)
            XCTAssertLessThanOrEqual(report.maxObservationDeviation, 1e-5, "\(id) at \(String(describing: report.maxObservationDeviationAt))")
            XCTAssertLessThanOrEqual(report.maxRewardDeviation, 1e-6, "\(id) at \(String(describing: report.maxRewardDeviationAt))")
            XCTAssertEqual(report.flagMismatches, [], id)
        }
    }

    func testReplayDetectsAWrongRecording() throws {
        var fixture = try Fixture(contentsOf: Fixtures.url("CartPole-v1"))
        fixture.episodes[0].observations[2][1] += 0.01
        fixture.episodes[0].rewards[3] = 0.5
        fixture.episodes[0].terminated[4].toggle()
        let report = try fixture.replay()
        XCTAssertEqual(report.maxObservationDeviation, 0.01, accuracy: 1e-6)
        XCTAssertEqual(report.maxObservationDeviationAt, .init(episode: 0, step: 3))
        XCTAssertEqual(report.maxRewardDeviation, 0.5)
        XCTAssertEqual(report.flagMismatches.map(\.location), [.init(episode: 0, step: 5)])
        XCTAssertFalse(report.passes(observationTolerance: 1e-5, rewardTolerance: 1e-6))
    }

    func testReplayRefusesAFixtureOfAnotherEnvironment() throws {
        let fixture = try Fixture(contentsOf: Fixtures.url("Pendulum-v1"))
        XCTAssertThrowsError(try fixture.replay(expecting: "CartPole-v1")) { error in
            XCTAssertEqual(error as? FixtureError, .environmentMismatch(fixtureEnv: "Pendulum-v1", expected: "CartPole-v1"))
        }
    }

    func testCorruptAndMissingFilesThrowReadableErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let corrupt = directory.appendingPathComponent("corrupt.json")
        try Data(#"{"env": "CartPole-v1", "episodes": [{"seed": 1}]}"#.utf8).write(to: corrupt)
        XCTAssertThrowsError(try Fixture(contentsOf: corrupt)) { error in
            guard case .malformed(_, let reason)? = error as? FixtureError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("missing key") && reason.contains("episodes[0]"), reason)
        }
        XCTAssertThrowsError(try Fixture(contentsOf: directory.appendingPathComponent("absent.json"))) { error in
            guard case .unreadable? = error as? FixtureError else { return XCTFail("\(error)") }
        }
    }
}
