import Foundation

/// Episodes recorded from minatar itself (by `Benchmarks/minatar_record.py`), which the native
/// games replay from the same seeds: the board, reward and terminal of every step must match.
/// Its JSON: `{"minatar", "game", "channels", "hashed_boards", "action_set", "records": [{"seed",
/// "episodes": [{"actions", "rewards", "terminals", "boards"}]}]}`; the format is described in full
/// in `Tests/EnvironmentsTests/Fixtures/MinAtar/README.md`.
public struct MinAtarRecording: Sendable, Equatable, Decodable {
    public struct Episode: Sendable, Equatable, Decodable {
        /// Indices into the recorded action set, one per step.
        public var actions: [Int]
        public var rewards: [Double]
        public var terminals: [Bool]
        /// The board after the reset, then after each step: hex strings, or their FNV-1a hashes.
        public var boards: [String]
    }

    /// One game seeded once: its episodes follow one another without re-seeding.
    public struct Record: Sendable, Equatable, Decodable {
        public var seed: UInt64
        public var episodes: [Episode]
    }

    /// The minatar version that recorded it.
    public var minatar: String
    /// minatar's name of the game, e.g. `space_invaders`.
    public var game: String
    public var channels: Int
    public var hashedBoards: Bool
    /// Whether the actions index the game's minimal set (the `-v1` ids) or all six (`-v0`).
    public var minimalActions: Bool
    public var records: [Record]

    enum CodingKeys: String, CodingKey {
        case minatar, game, channels, hashedBoards = "hashed_boards", actionSet = "action_set", records
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        minatar = try container.decode(String.self, forKey: .minatar)
        game = try container.decode(String.self, forKey: .game)
        channels = try container.decode(Int.self, forKey: .channels)
        hashedBoards = try container.decodeIfPresent(Bool.self, forKey: .hashedBoards) ?? false
        let actionSet = try container.decodeIfPresent(String.self, forKey: .actionSet) ?? "all"
        guard actionSet == "all" || actionSet == "minimal" else {
            throw DecodingError.dataCorruptedError(forKey: .actionSet, in: container,
                                                   debugDescription: "expected \"all\" or \"minimal\", got \"\(actionSet)\"")
        }
        minimalActions = actionSet == "minimal"
        records = try container.decode([Record].self, forKey: .records)
    }

    /// Reads and decodes the recording at `url`, checking that it names a native game with its
    /// channel count and that every episode has one reward and terminal per action and one board more.
    public init(contentsOf url: URL) throws(FixtureError) {
        self = try Fixture.decode(Self.self, from: url)
        try validate(path: url.path)
    }

    /// Checks that the recording names a native game with its channel count, and that every
    /// episode has one reward and terminal per action and one board more.
    func validate(path: String) throws(FixtureError) {
        guard let type = Self.games[game] else {
            throw .malformed(path: path, reason: "game \"\(game)\" is not one of " + Self.games.keys.sorted().joined(separator: ", "))
        }
        guard type.channels == channels else {
            throw .malformed(path: path, reason: "\(game) has \(type.channels) channels, the recording says \(channels)")
        }
        for (r, record) in records.enumerated() {
            for (e, episode) in record.episodes.enumerated() {
                let n = episode.actions.count
                guard episode.rewards.count == n, episode.terminals.count == n, episode.boards.count == n + 1 else {
                    throw .malformed(path: path, reason: "record \(r) episode \(e) has \(n) actions but \(episode.rewards.count) rewards, "
                                     + "\(episode.terminals.count) terminals and \(episode.boards.count) boards; expected one each per action and one board more")
                }
            }
        }
    }

    /// The native games by minatar's names.
    static let games = Dictionary(uniqueKeysWithValues: MinAtarGames.all.map { ($0.minatarName, $0) })

    /// The registered id the recording's game and action set stand for, e.g. `MinAtar/Breakout-v1`.
    public var id: String? {
        Self.games[game].map { "MinAtar/\($0.name)-v\(minimalActions ? 1 : 0)" }
    }

    /// Replays every record on a fresh native game; with `expectedID`, throws `.environmentMismatch`
    /// unless the recording is of that id's game and action set.
    public func replay(expecting expectedID: String? = nil) throws(FixtureError) -> ReplayReport {
        guard let type = Self.games[game], let id else {
            throw .malformed(path: "the recording", reason: "game \"\(game)\" is not one of " + Self.games.keys.sorted().joined(separator: ", "))
        }
        if let expectedID {
            let spec = try Fixture.registeredSpec(expectedID)
            guard spec.id == id else { throw .environmentMismatch(fixtureEnv: id, expected: spec.id) }
        }
        func replay<Game: MinAtarGame>(_: Game.Type) throws(FixtureError) -> ReplayReport {
            try self.replay(Game.self) { _, _, _ in }
        }
        return try replay(type)
    }

    /// Replays every record on `MinAtar<Game>`, showing `inspect` the game after each step, the
    /// step's reward and its frame in the episode (from 1). A board that differs counts as an
    /// observation deviation of 1 (some cell is 0 instead of 1 or the other way).
    public func replay<Game: MinAtarGame>(_: Game.Type, inspect: (Game, Double, Int) -> Void) throws(FixtureError) -> ReplayReport {
        var report = ReplayReport(env: id ?? game)
        var observation = [Float](repeating: 0, count: MinAtarBoard.cells * Game.channels)
        func recordBoard(_ expected: String, at location: ReplayReport.Location) {
            let board = Self.hex(observation)
            report.recordObservation([(hashedBoards ? Self.hash(board) : board) == expected ? 0 : 1], expected: [0], at: location)
        }
        for record in records {
            var env = MinAtar<Game>(minimalActionSet: minimalActions)
            for (number, episode) in record.episodes.enumerated() {
                let episodeIndex = report.episodes
                observation.withUnsafeMutableBufferPointer { env.reset(seed: number == 0 ? record.seed : nil, observation: $0) }
                recordBoard(episode.boards[0], at: .init(episode: episodeIndex, step: 0))
                for (t, action) in episode.actions.enumerated() {
                    let location = ReplayReport.Location(episode: episodeIndex, step: t + 1)
                    let result: StepResult
                    do {
                        result = try observation.withUnsafeMutableBufferPointer { (buffer) throws(EnvironmentError) in
                            try env.step(discrete: action, observation: buffer)
                        }
                    } catch {
                        throw .replayFailed(episode: episodeIndex, step: t + 1, error: error)
                    }
                    inspect(env.game, result.reward, t + 1)
                    recordBoard(episode.boards[t + 1], at: location)
                    report.recordReward(result.reward, expected: episode.rewards[t], at: location)
                    report.recordFlag("terminated", actual: result.terminated, expected: episode.terminals[t], at: location)
                    report.steps += 1
                }
                report.episodes += 1
            }
        }
        return report
    }

    /// A board as the recording writes it: one bit a cell, channels last, 4 bits a hex digit.
    public static func hex(_ board: [Float]) -> String {
        let digits = Array("0123456789abcdef")
        return String(stride(from: 0, to: board.count, by: 4).map { i in
            digits[(0..<4).reduce(0) { $0 * 2 + (i + $1 < board.count && board[i + $1] != 0 ? 1 : 0) }]
        })
    }

    /// The 64-bit FNV-1a hash of a board's hex string, as 16 hex digits.
    public static func hash(_ text: String) -> String {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
