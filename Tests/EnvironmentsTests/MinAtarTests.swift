import Foundation
import XCTest
import Environments

/// The native MinAtar games against minatar 1.0.15's own episodes (`Fixtures/MinAtar/GAME.json`,
/// and `GAME_minimal.json` with the minimal action set, written by `Benchmarks/minatar_record.py`):
/// the same seed and actions give the same board, reward and terminal at every step, sticky
/// actions and the stream across episodes included.
final class MinAtarTests: XCTestCase {
    static func recording(_ file: String) throws -> MinAtarRecording {
        try MinAtarRecording(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/MinAtar/\(file).json"))
    }

    /// Replays the recordings of `name` with all six actions and with the minimal set; `inspect`
    /// sees the game after each step of the first, the step's reward and its frame in the episode.
    func replay<Game: MinAtarGame>(_ type: Game.Type, _ name: String, inspect: (Game, Double, Int) -> Void = { _, _, _ in }) throws {
        for (file, minimal) in [(name, false), (name + "_minimal", true)] {
            let recording = try Self.recording(file)
            XCTAssertEqual(recording.minimalActions, minimal, file)
            XCTAssertEqual(recording.id, MinAtar<Game>(minimalActionSet: minimal).id, file)
            let report = try recording.replay(Game.self, inspect: minimal ? { _, _, _ in } : inspect)
            XCTAssertTrue(report.passes(observationTolerance: 0, rewardTolerance: 0),
                          report.summary(observationTolerance: 0, rewardTolerance: 0))
            XCTAssertGreaterThan(report.steps, minimal ? 500 : 1000, "\(file): the recording's steps")
            XCTAssertGreaterThan(recording.records.count, 1, "\(file): several seeds")
        }
    }

    func testBreakoutReplaysMinAtarStepForStep() throws {
        var secondStrikes = 0, refills = 0, previousBricks = 30
        try replay(Breakout.self, "breakout") { game, reward, _ in
            let cell = game.ballY * MinAtarBoard.size + game.ballX
            if game.strike, reward == 0, game.bricks[cell] { secondStrikes += 1 }
            let bricks = game.bricks.filter { $0 }.count
            if bricks > previousBricks { refills += 1 }
            previousBricks = game.terminal ? 30 : bricks
        }
        XCTAssertGreaterThan(secondStrikes, 0, "the recording has a second consecutive brick hit (the ball enters the brick, which stays)")
        XCTAssertGreaterThan(refills, 0, "the recording clears a wall, which refills")
    }

    func testFreewayReplaysMinAtarStepForStep() throws {
        var crossings = 0, timedOut = 0
        try replay(Freeway.self, "freeway") { game, reward, _ in
            crossings += reward > 0 ? 1 : 0
            timedOut += game.terminal && game.framesLeft < 0 ? 1 : 0
        }
        XCTAssertGreaterThan(crossings, 10, "the chicken crosses (and every crossing gives the cars new speeds)")
        XCTAssertGreaterThan(timedOut, 0, "an episode ends by the timer, as a termination")
    }

    func testAsterixReplaysMinAtarStepForStep() throws {
        var rampFrames: Set<Int> = [], highest = 0, gold = 0, previousIndex = 0
        try replay(Asterix.self, "asterix") { game, reward, frame in
            if game.rampIndex > previousIndex, frame > 1 { rampFrames.insert(frame) }
            previousIndex = game.rampIndex
            highest = max(highest, game.rampIndex)
            gold += reward > 0 ? 1 : 0
        }
        XCTAssertGreaterThanOrEqual(highest, 3, "the recording lasts through several difficulty ramps")
        XCTAssertEqual(rampFrames.sorted().prefix(3), [102, 204, 306], "a ramp every 102 frames")
        XCTAssertGreaterThan(gold, 10, "gold is collected")
    }

    func testSpaceInvadersReplaysMinAtarStepForStep() throws {
        var kills = 0, turns = 0, previousDirection = -1
        try replay(SpaceInvaders.self, "space_invaders") { game, reward, frame in
            kills += Int(reward)
            if frame > 1, game.direction != previousDirection { turns += 1 }
            previousDirection = game.direction
        }
        XCTAssertGreaterThan(kills, 100, "the cannon's shots hit aliens")
        XCTAssertGreaterThan(turns, 10, "the block turns at the edges (and comes down a row)")
    }

    func testSeaquestReplaysMinAtarStepForStep() throws {
        var rewards = 0.0, fullSurfacings = 0, ramps = 0, previousRamp = 0, previousDivers = 0
        try replay(Seaquest.self, "seaquest") { game, reward, frame in
            rewards += reward
            if frame > 1, game.rampIndex > previousRamp { ramps += 1 }
            if frame > 1, previousDivers == 6, game.divers == -1 { fullSurfacings += 1 }
            (previousRamp, previousDivers) = (game.rampIndex, game.divers)
        }
        XCTAssertGreaterThan(rewards, 20, "the sub's shots hit fish and subs")
        XCTAssertGreaterThanOrEqual(ramps, 5, "the sub surfaces with divers, and each surfacing ramps the difficulty")
        XCTAssertGreaterThan(fullSurfacings, 0, "a surfacing with 6 divers empties the sub and leaves the count at −1, as minatar does")
    }

    func testMinimalActionSetsAndInvalidActions() throws {
        var breakout = MinAtar<Breakout>()
        XCTAssertEqual(breakout.id, "MinAtar/Breakout-v1")
        XCTAssertEqual(breakout.actionSpace, .discrete(3))
        XCTAssertEqual(MinAtar<Breakout>(minimalActionSet: false).id, "MinAtar/Breakout-v0")
        XCTAssertEqual(breakout.observationSpace.shape, [10, 10, 4])
        _ = breakout.reset(seed: 1)
        XCTAssertThrowsError(try breakout.step(.discrete(3))) { error in
            XCTAssertTrue("\(error)".contains("expected 0..<3: noop, left, right"), "\(error)")
        }
    }
}
