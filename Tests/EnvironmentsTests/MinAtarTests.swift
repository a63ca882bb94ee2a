import Foundation
import XCTest
import Environments

/// The native MinAtar games against minatar 1.0.15's own episodes (`Fixtures/MinAtar/GAME.json`,
/// written by `Benchmarks/minatar_record.py`): the same seed and actions give the same board,
/// reward and terminal at every step, sticky actions and the stream across episodes included.
final class MinAtarTests: XCTestCase {
    struct Recording: Decodable {
        struct Episode: Decodable {
            var actions: [Int]
            var rewards: [Double]
            var terminals: [Bool]
            var boards: [String]
        }
        struct Record: Decodable {
            var seed: UInt64
            var episodes: [Episode]
        }
        var minatar: String
        var game: String
        var channels: Int
        var hashedBoards: Bool?
        var records: [Record]
        enum CodingKeys: String, CodingKey {
            case minatar, game, channels, hashedBoards = "hashed_boards", records
        }
    }

    static func recording(_ game: String) throws -> Recording {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/MinAtar/\(game).json")
        return try JSONDecoder().decode(Recording.self, from: Data(contentsOf: url))
    }

    /// The board as the recording writes it: one bit a cell, channels last, 4 bits a hex digit.
    static func hex(_ board: [Float]) -> String {
        let digits = Array("0123456789abcdef")
        return String(stride(from: 0, to: board.count, by: 4).map { i in
            digits[(0..<4).reduce(0) { $0 * 2 + (i + $1 < board.count && board[i + $1] != 0 ? 1 : 0) }]
        })
    }

    /// The recording's 64-bit FNV-1a of a board's hex string, as 16 hex digits.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Replays every recorded episode of `game` with all six actions; `inspect` sees the game after
    /// each step, the step's reward and its frame number in the episode (from 1).
    func replay<Game: MinAtarGame>(_ type: Game.Type, _ name: String, inspect: (Game, Double, Int) -> Void = { _, _, _ in }) throws {
        let recording = try Self.recording(name)
        XCTAssertEqual(recording.channels, Game.channels)
        let encode: ([Float]) -> String = recording.hashedBoards == true ? { Self.hash(Self.hex($0)) } : { Self.hex($0) }
        var steps = 0
        for record in recording.records {
            var env = MinAtar<Game>(minimalActionSet: false)
            for (number, episode) in record.episodes.enumerated() {
                let first = env.reset(seed: number == 0 ? record.seed : nil)
                XCTAssertEqual(encode(first), episode.boards[0], "seed \(record.seed) episode \(number): the reset board")
                for (t, action) in episode.actions.enumerated() {
                    let (board, result) = try env.step(.discrete(action))
                    inspect(env.game, result.reward, t + 1)
                    steps += 1
                    guard encode(board) == episode.boards[t + 1], result.reward == episode.rewards[t],
                          result.terminated == episode.terminals[t] else {
                        return XCTFail("seed \(record.seed) episode \(number) step \(t + 1): reward \(result.reward) vs \(episode.rewards[t]), " +
                                       "terminal \(result.terminated) vs \(episode.terminals[t]), board\n\(Self.hex(board))\nvs \(episode.boards[t + 1])")
                    }
                }
            }
        }
        XCTAssertGreaterThan(steps, 1000, "\(name): the recording's steps")
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
