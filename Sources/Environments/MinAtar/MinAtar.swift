import SeededRandom

/// MinAtar's six actions (Young & Tian, 2019), in its order.
public enum MinAtarAction: Int, Sendable, CaseIterable {
    case noop, left, up, right, down, fire
}

/// One of MinAtar's games on its 10 × 10 board. The `MinAtar` environment owns the random stream
/// (numpy's, so that a run replays minatar's from its seed) and the sticky actions, and passes the
/// stream to every call that draws from it.
public protocol MinAtarGame: Sendable {
    /// The game's name in minatar's ids (`MinAtar/NAME-v1`).
    static var name: String { get }
    /// Channels of the board, one per kind of object.
    static var channels: Int { get }
    /// The actions that change anything in this game (the `-v1` ids' action set), in minatar's order.
    static var minimalActions: [MinAtarAction] { get }

    /// A game before its first reset.
    init()
    /// Starts an episode.
    mutating func reset(random: inout NumpyRandomState)
    /// Advances one frame; once the episode is over, returns a reward of 0 and `terminal` again.
    mutating func act(_ action: MinAtarAction, random: inout NumpyRandomState) -> (reward: Double, terminal: Bool)
    /// Marks the board in `observation`, which comes zeroed, channels last: cell (y, x) of
    /// channel c at `(y · 10 + x) · channels + c` is set to 1 where an object of that kind is.
    func board(into observation: UnsafeMutableBufferPointer<Float>)
}

extension MinAtarGame {
    /// minatar's own name of the game: `name` in snake case (`SpaceInvaders` → `space_invaders`).
    public static var minatarName: String {
        name.enumerated().map { i, c in (c.isUppercase && i > 0 ? "_" : "") + c.lowercased() }.joined()
    }
}

/// The five games, in minatar's order of names.
public enum MinAtarGames {
    public static let all: [any MinAtarGame.Type] = [Asterix.self, Breakout.self, Freeway.self, Seaquest.self, SpaceInvaders.self]
}

/// A MinAtar game as an environment, with minatar 1.0.15's semantics: sticky actions (with
/// probability 0.1 the previous action repeats; the draw is made on every step, and the previous
/// action carries over from one episode to the next, as minatar's does), the episode ends only by
/// the game's own rules, and `reset(seed:)` re-seeds numpy's `RandomState(seed)` stream (the low 32
/// bits of the seed: numpy's seeds are 32-bit) that both the sticky draws and the game use.
public struct MinAtar<Game: MinAtarGame>: Environment {
    public private(set) var game: Game
    /// The game actions the action indices stand for: all six (`-v0`) or the game's minimal set (`-v1`).
    public let actions: [MinAtarAction]
    public let minimalActionSet: Bool
    public let stickyActionProbability: Double
    public let observationSpace: BoxSpace
    private var random = NumpyRandomState(seed: 0)
    private var lastAction = MinAtarAction.noop

    public init(minimalActionSet: Bool = true, stickyActionProbability: Double = 0.1) {
        precondition((0...1).contains(stickyActionProbability), "a probability in 0...1, got \(stickyActionProbability)")
        game = Game()
        actions = minimalActionSet ? Game.minimalActions : MinAtarAction.allCases
        self.minimalActionSet = minimalActionSet
        self.stickyActionProbability = stickyActionProbability
        let size = MinAtarBoard.cells * Game.channels
        observationSpace = BoxSpace(low: [Float](repeating: 0, count: size), high: [Float](repeating: 1, count: size),
                                    shape: [MinAtarBoard.size, MinAtarBoard.size, Game.channels])
    }

    public var id: String { "MinAtar/\(Game.name)-v\(minimalActionSet ? 1 : 0)" }
    public var actionSpace: ActionSpace { .discrete(actions.count) }

    public mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) {
        if let seed { random = NumpyRandomState(seed: UInt32(truncatingIfNeeded: seed)) }
        game.reset(random: &random)
        observe(into: observation)
    }

    public mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        guard actions.indices.contains(action) else {
            throw .invalidAction(env: id, action: "\(action)", space: actionSpace,
                                 reason: "expected 0..<\(actions.count): " + actions.map { "\($0)" }.joined(separator: ", "))
        }
        var chosen = actions[action]
        if random.rand() < stickyActionProbability { chosen = lastAction }
        lastAction = chosen
        let (reward, terminal) = game.act(chosen, random: &random)
        observe(into: observation)
        return StepResult(reward: reward, terminated: terminal)
    }
}

extension MinAtar {
    /// The board as the observation: zeroed, then marked by the game.
    private func observe(into observation: UnsafeMutableBufferPointer<Float>) {
        observation.update(repeating: 0)
        game.board(into: observation)
    }
}

/// The board's geometry, shared by the games.
public enum MinAtarBoard {
    public static let size = 10
    public static let cells = size * size
}
