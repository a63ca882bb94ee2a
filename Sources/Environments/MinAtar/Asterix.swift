import SeededRandom

/// MinAtar's Asterix: the player moves in rows 1–8; enemies and gold cross the board, one per row
/// (lane), spawned from either side every `spawnInterval` frames and moving one cell every
/// `moveInterval` frames. Touching gold scores 1 and removes it; touching an enemy ends the episode.
/// Difficulty ramps on every 102nd frame: spawns come a frame sooner, and on every second ramp
/// movement too, down to one frame each.
public struct Asterix: MinAtarGame {
    public static let name = "Asterix"
    /// The player, enemies, the cell behind each entity, gold.
    public static let channels = 4
    public static let minimalActions: [MinAtarAction] = [.noop, .left, .up, .right, .down]
    static let rampInterval = 100, initialSpawnInterval = 10, initialMoveInterval = 5

    /// An enemy or a piece of gold in its lane (row `lane + 1`).
    public struct Entity: Sendable, Equatable {
        public var x: Int
        public var movingRight: Bool
        public var isGold: Bool
    }

    public private(set) var playerX = 5, playerY = 5
    /// The eight lanes' entities (nil: the lane is empty); lane i is row i + 1.
    public private(set) var lanes = [Entity?](repeating: nil, count: 8)
    public private(set) var spawnInterval = 10, spawnTimer = 10
    public private(set) var moveInterval = 5, moveTimer = 5
    public private(set) var rampTimer = 100, rampIndex = 0
    public private(set) var terminal = false
    public let ramping: Bool

    public init() { self.init(ramping: true) }

    public init(ramping: Bool) { self.ramping = ramping }

    public mutating func reset(random: inout NumpyRandomState) {
        (playerX, playerY) = (5, 5)
        for lane in lanes.indices { lanes[lane] = nil }
        spawnInterval = Self.initialSpawnInterval
        spawnTimer = spawnInterval
        moveInterval = Self.initialMoveInterval
        moveTimer = moveInterval
        rampTimer = Self.rampInterval
        rampIndex = 0
        terminal = false
    }

    /// Side and kind first (two draws, even when every lane is taken), then a free lane uniformly.
    private mutating func spawn(random: inout NumpyRandomState) {
        let fromLeft = random.rand() < 0.5
        let isGold = random.rand() < 1.0 / 3
        var free = 0
        for lane in lanes.indices where lanes[lane] == nil { free += 1 }
        guard free > 0 else { return }
        var chosen = random.randint(free)
        for lane in lanes.indices where lanes[lane] == nil {
            if chosen == 0 { return lanes[lane] = Entity(x: fromLeft ? 0 : 9, movingRight: fromLeft, isGold: isGold) }
            chosen -= 1
        }
    }

    /// The entity in `lane` meets the player: gold is collected, an enemy ends the episode.
    private mutating func touch(_ lane: Int, reward: inout Double) {
        guard let entity = lanes[lane], entity.x == playerX, lane + 1 == playerY else { return }
        if entity.isGold {
            lanes[lane] = nil
            reward += 1
        } else {
            terminal = true
        }
    }

    public mutating func act(_ action: MinAtarAction, random: inout NumpyRandomState) -> (reward: Double, terminal: Bool) {
        guard !terminal else { return (0, true) }
        if spawnTimer == 0 {
            spawn(random: &random)
            spawnTimer = spawnInterval
        }
        switch action {
        case .left: playerX = max(0, playerX - 1)
        case .right: playerX = min(9, playerX + 1)
        case .up: playerY = max(1, playerY - 1)
        case .down: playerY = min(8, playerY + 1)
        case .noop, .fire: break
        }
        var reward = 0.0
        for lane in lanes.indices { touch(lane, reward: &reward) }
        if moveTimer == 0 {
            moveTimer = moveInterval
            for lane in lanes.indices {
                guard var entity = lanes[lane] else { continue }
                entity.x += entity.movingRight ? 1 : -1
                lanes[lane] = (0...9).contains(entity.x) ? entity : nil
                touch(lane, reward: &reward)
            }
        }
        spawnTimer -= 1
        moveTimer -= 1
        if ramping, spawnInterval > 1 || moveInterval > 1 {
            if rampTimer >= 0 {
                rampTimer -= 1
            } else {
                if moveInterval > 1, rampIndex % 2 == 1 { moveInterval -= 1 }
                if spawnInterval > 1 { spawnInterval -= 1 }
                rampIndex += 1
                rampTimer = Self.rampInterval
            }
        }
        return (reward, terminal)
    }

    public func board(into observation: UnsafeMutableBufferPointer<Float>) {
        let c = Self.channels, size = MinAtarBoard.size
        observation[(playerY * size + playerX) * c] = 1
        for (lane, entity) in lanes.enumerated() {
            guard let entity else { continue }
            let row = lane + 1
            observation[(row * size + entity.x) * c + (entity.isGold ? 3 : 1)] = 1
            let back = entity.movingRight ? entity.x - 1 : entity.x + 1
            if (0...9).contains(back) { observation[(row * size + back) * c + 2] = 1 }
        }
    }
}
