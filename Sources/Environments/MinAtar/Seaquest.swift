import SeededRandom

/// MinAtar's Seaquest: a submarine (rows 0–8) shoots enemy fish and enemy subs (which shoot back)
/// that cross the rows, and picks up divers (at most 6 aboard). Under water its oxygen runs down
/// one unit a frame; it must surface (row 0) before it runs out, with at least one diver aboard.
/// Surfacing with 6 divers scores the oxygen left in tenths and empties the sub, then takes one
/// more diver off: the count goes to −1, so the next 7 divers fill it, as in minatar. Each
/// surfacing ramps the difficulty: enemies spawn a frame sooner, and on every second surfacing
/// they move a frame faster (down to 1 and 2 frames). Touching an enemy or its shot ends the episode.
///
/// The entities live in lists that minatar walks backwards while removing from them, and its
/// removals take the first entity *equal* to the one meant: with two equal entities the other one
/// goes and the walk can visit one twice. That is kept here (each entity carries an identity that
/// equality ignores), so that a run replays minatar's exactly.
public struct Seaquest: MinAtarGame {
    public static let name = "Seaquest"
    /// Sub front, sub back, its shots, the cell behind each enemy or diver, enemy shots, enemy fish,
    /// enemy subs, the oxygen gauge, the diver gauge, divers.
    public static let channels = 10
    public static let minimalActions: [MinAtarAction] = MinAtarAction.allCases
    static let maxOxygen = 200, initialSpawnInterval = 20, diverSpawnInterval = 30, initialMoveInterval = 5
    static let shotCooldown = 5, enemyShotInterval = 10, diverMoveInterval = 5

    /// A shot, an enemy, a diver: its cell, direction, timers, and an identity that equality ignores.
    public struct Entity: Sendable {
        public var x: Int, y: Int, movingRight: Bool
        public var moveTimer = 0, shotTimer = 0
        let identity: Int

        /// minatar's list equality: every value but the identity.
        func equals(_ other: Entity) -> Bool {
            x == other.x && y == other.y && movingRight == other.movingRight && moveTimer == other.moveTimer && shotTimer == other.shotTimer
        }

        func at(_ px: Int, _ py: Int) -> Bool { x == px && y == py }
    }

    public private(set) var oxygen = 200, divers = 0
    public private(set) var subX = 5, subY = 0, facingRight = false
    public private(set) var shots: [Entity] = [], enemyShots: [Entity] = []
    public private(set) var fish: [Entity] = [], enemySubs: [Entity] = [], swimmers: [Entity] = []
    public private(set) var spawnInterval = 20, spawnTimer = 20, diverSpawnTimer = 30
    public private(set) var moveInterval = 5, rampIndex = 0, shotTimer = 0
    public private(set) var surfaced = true, terminal = false
    public let ramping: Bool
    private var identities = 0

    public init() { self.init(ramping: true) }

    public init(ramping: Bool) { self.ramping = ramping }

    public mutating func reset(random: inout NumpyRandomState) {
        oxygen = Self.maxOxygen
        divers = 0
        (subX, subY, facingRight) = (5, 0, false)
        shots.removeAll(keepingCapacity: true)
        enemyShots.removeAll(keepingCapacity: true)
        fish.removeAll(keepingCapacity: true)
        enemySubs.removeAll(keepingCapacity: true)
        swimmers.removeAll(keepingCapacity: true)
        spawnInterval = Self.initialSpawnInterval
        spawnTimer = spawnInterval
        diverSpawnTimer = Self.diverSpawnInterval
        moveInterval = Self.initialMoveInterval
        rampIndex = 0
        shotTimer = 0
        surfaced = true
        terminal = false
    }

    private mutating func entity(x: Int, y: Int, movingRight: Bool, moveTimer: Int = 0, shotTimer: Int = 0) -> Entity {
        identities += 1
        return Entity(x: x, y: y, movingRight: movingRight, moveTimer: moveTimer, shotTimer: shotTimer, identity: identities)
    }

    /// Python's `list.remove`: the first entity equal to `entity`.
    private static func remove(_ entity: Entity, from list: inout [Entity]) {
        if let i = list.firstIndex(where: { $0.equals(entity) }) { list.remove(at: i) }
    }

    /// Writes `entity` back where it is in `list` (if it still is): minatar mutates it in place.
    private static func store(_ entity: Entity, in list: inout [Entity]) {
        if let i = list.firstIndex(where: { $0.identity == entity.identity }) { list[i] = entity }
    }

    private mutating func spawnEnemy(random: inout NumpyRandomState) {
        let fromLeft = random.rand() < 0.5
        let isSub = random.rand() < 1.0 / 3
        let y = random.randint(1, 9)
        let oncoming: (Entity) -> Bool = { $0.y == y && $0.movingRight != fromLeft }
        if enemySubs.contains(where: oncoming) || fish.contains(where: oncoming) { return }
        if isSub {
            enemySubs.append(entity(x: fromLeft ? 0 : 9, y: y, movingRight: fromLeft, moveTimer: moveInterval, shotTimer: Self.enemyShotInterval))
        } else {
            fish.append(entity(x: fromLeft ? 0 : 9, y: y, movingRight: fromLeft, moveTimer: moveInterval))
        }
    }

    private mutating func spawnDiver(random: inout NumpyRandomState) {
        let fromLeft = random.rand() < 0.5
        let y = random.randint(1, 9)
        swimmers.append(entity(x: fromLeft ? 0 : 9, y: y, movingRight: fromLeft, moveTimer: Self.diverMoveInterval))
    }

    public mutating func act(_ action: MinAtarAction, random: inout NumpyRandomState) -> (reward: Double, terminal: Bool) {
        guard !terminal else { return (0, true) }
        if spawnTimer == 0 {
            spawnEnemy(random: &random)
            spawnTimer = spawnInterval
        }
        if diverSpawnTimer == 0 {
            spawnDiver(random: &random)
            diverSpawnTimer = Self.diverSpawnInterval
        }
        switch action {
        case .fire where shotTimer == 0:
            shots.append(entity(x: subX, y: subY, movingRight: facingRight))
            shotTimer = Self.shotCooldown
        case .left: (subX, facingRight) = (max(0, subX - 1), false)
        case .right: (subX, facingRight) = (min(9, subX + 1), true)
        case .up: subY = max(0, subY - 1)
        case .down: subY = min(8, subY + 1)
        default: break
        }
        var reward = 0.0
        moveShots(reward: &reward)
        moveDivers()
        var subs: [Entity] = []
        swap(&subs, &enemySubs)
        moveEnemies(&subs, shoot: true, reward: &reward)
        swap(&subs, &enemySubs)
        moveEnemyShots()
        var school: [Entity] = []
        swap(&school, &fish)
        moveEnemies(&school, shoot: false, reward: &reward)
        swap(&school, &fish)
        if spawnTimer > 0 { spawnTimer -= 1 }
        if diverSpawnTimer > 0 { diverSpawnTimer -= 1 }
        if shotTimer > 0 { shotTimer -= 1 }
        if oxygen <= 0 { terminal = true }
        if subY > 0 {
            oxygen -= 1
            surfaced = false
        } else if !surfaced {
            if divers == 0 { terminal = true } else { reward += surface() }
        }
        return (reward, terminal)
    }

    /// The sub's shots, walked backwards: each moves, leaves the board or takes the first fish,
    /// else the first enemy sub, on its new cell.
    private mutating func moveShots(reward: inout Double) {
        var index = shots.count - 1
        while index >= 0, index < shots.count {
            var shot = shots[index]
            index -= 1
            shot.x += shot.movingRight ? 1 : -1
            Self.store(shot, in: &shots)
            if !(0...9).contains(shot.x) {
                Self.remove(shot, from: &shots)
            } else if let hit = fish.first(where: { $0.at(shot.x, shot.y) }) {
                Self.remove(hit, from: &fish)
                Self.remove(shot, from: &shots)
                reward += 1
            } else if let hit = enemySubs.first(where: { $0.at(shot.x, shot.y) }) {
                Self.remove(hit, from: &enemySubs)
                Self.remove(shot, from: &shots)
                reward += 1
            }
        }
    }

    /// Divers, walked backwards: one on the sub's cell boards it (while fewer than 6 are aboard),
    /// else it swims a cell every 5 frames and boards if it reaches the sub.
    private mutating func moveDivers() {
        var index = swimmers.count - 1
        while index >= 0, index < swimmers.count {
            var diver = swimmers[index]
            index -= 1
            if diver.at(subX, subY), divers < 6 {
                Self.remove(diver, from: &swimmers)
                divers += 1
            } else if diver.moveTimer == 0 {
                diver.moveTimer = Self.diverMoveInterval
                diver.x += diver.movingRight ? 1 : -1
                Self.store(diver, in: &swimmers)
                if !(0...9).contains(diver.x) {
                    Self.remove(diver, from: &swimmers)
                } else if diver.at(subX, subY), divers < 6 {
                    Self.remove(diver, from: &swimmers)
                    divers += 1
                }
            } else {
                diver.moveTimer -= 1
                Self.store(diver, in: &swimmers)
            }
        }
    }

    /// Enemy subs (`shoot`) or fish, walked backwards: each moves every `moveInterval` frames
    /// (leaving, ramming the sub or running into one of its shots); a sub also shoots every 10
    /// frames, even one just removed. `list` is the subs' or the fish's, taken out of `self`.
    private mutating func moveEnemies(_ list: inout [Entity], shoot: Bool, reward: inout Double) {
        var index = list.count - 1
        while index >= 0, index < list.count {
            var enemy = list[index]
            index -= 1
            if enemy.at(subX, subY) { terminal = true }
            if enemy.moveTimer == 0 {
                enemy.moveTimer = moveInterval
                enemy.x += enemy.movingRight ? 1 : -1
                Self.store(enemy, in: &list)
                if !(0...9).contains(enemy.x) {
                    Self.remove(enemy, from: &list)
                } else if enemy.at(subX, subY) {
                    terminal = true
                } else if let shot = shots.first(where: { enemy.at($0.x, $0.y) }) {
                    Self.remove(enemy, from: &list)
                    Self.remove(shot, from: &shots)
                    reward += 1
                }
            } else {
                enemy.moveTimer -= 1
                Self.store(enemy, in: &list)
            }
            guard shoot else { continue }
            if enemy.shotTimer == 0 {
                enemy.shotTimer = Self.enemyShotInterval
                enemyShots.append(entity(x: enemy.x, y: enemy.y, movingRight: enemy.movingRight))
            } else {
                enemy.shotTimer -= 1
            }
            Self.store(enemy, in: &list)
        }
    }

    /// Enemy shots, walked backwards: one cell a frame; on the sub's cell before or after, the end.
    private mutating func moveEnemyShots() {
        var index = enemyShots.count - 1
        while index >= 0, index < enemyShots.count {
            var shot = enemyShots[index]
            index -= 1
            if shot.at(subX, subY) { terminal = true }
            shot.x += shot.movingRight ? 1 : -1
            Self.store(shot, in: &enemyShots)
            if !(0...9).contains(shot.x) {
                Self.remove(shot, from: &enemyShots)
            } else if shot.at(subX, subY) {
                terminal = true
            }
        }
    }

    /// The sub reached the surface with divers aboard: oxygen refilled, the score for a full sub,
    /// one diver off, the difficulty ramped.
    private mutating func surface() -> Double {
        surfaced = true
        var reward = 0.0
        if divers == 6 {
            divers = 0
            reward = Double(oxygen * 10 / Self.maxOxygen)
        }
        oxygen = Self.maxOxygen
        divers -= 1
        if ramping, spawnInterval > 1 || moveInterval > 2 {
            if moveInterval > 2, rampIndex % 2 == 1 { moveInterval -= 1 }
            if spawnInterval > 1 { spawnInterval -= 1 }
            rampIndex += 1
        }
        return reward
    }

    public func board(into observation: UnsafeMutableBufferPointer<Float>) {
        let c = Self.channels, size = MinAtarBoard.size
        func mark(_ y: Int, _ x: Int, _ channel: Int) { observation[(y * size + x) * c + channel] = 1 }
        mark(subY, subX, 0)
        let back = facingRight ? subX - 1 : subX + 1
        if back <= 9 { mark(subY, back < 0 ? 9 : back, 1) }  // numpy's index −1 is the last column
        for x in 0..<(max(0, oxygen) * 10 / Self.maxOxygen) { mark(9, x, 7) }
        for x in stride(from: 9 - divers, to: 9, by: 1) where x >= 0 { mark(9, x, 8) }
        for shot in shots { mark(shot.y, shot.x, 2) }
        for shot in enemyShots { mark(shot.y, shot.x, 4) }
        func draw(_ list: [Entity], _ channel: Int) {
            for one in list {
                mark(one.y, one.x, channel)
                let back = one.movingRight ? one.x - 1 : one.x + 1
                if (0...9).contains(back) { mark(one.y, back, 3) }
            }
        }
        draw(fish, 5)
        draw(enemySubs, 6)
        draw(swimmers, 9)
    }
}
