import SeededRandom

/// MinAtar's Space Invaders: a cannon on the bottom row under a block of 4 × 6 aliens that marches
/// sideways, one cell every `min(aliens left, moveInterval)` frames, and one row down (reversing)
/// at an edge. The cannon fires upwards (one shot per 5 frames); each alien hit scores 1. Every 10
/// frames the alien lowest in the column nearest the cannon fires down. An enemy shot or an alien
/// on the cannon's cell, or an alien on the bottom row when the block turns, ends the episode. A
/// cleared block comes back, marching a frame faster each time (down to 6). No randomness but the
/// sticky actions.
public struct SpaceInvaders: MinAtarGame {
    public static let name = "SpaceInvaders"
    /// The cannon, aliens, aliens moving left, aliens moving right, the cannon's shots, the aliens' shots.
    public static let channels = 6
    public static let minimalActions: [MinAtarAction] = [.noop, .left, .right, .fire]
    static let shotCooldown = 5, initialMoveInterval = 12, alienShotInterval = 10

    public private(set) var cannon = 5
    /// Row-major maps, `[y · 10 + x]`.
    public private(set) var aliens = [Bool](repeating: false, count: MinAtarBoard.cells)
    public private(set) var shots = [Bool](repeating: false, count: MinAtarBoard.cells)
    public private(set) var alienShots = [Bool](repeating: false, count: MinAtarBoard.cells)
    /// −1: the block marches left; 1: right.
    public private(set) var direction = -1
    public private(set) var moveInterval = 12, moveTimer = 12
    public private(set) var alienShotTimer = 10, shotTimer = 0
    public private(set) var rampIndex = 0
    public private(set) var terminal = false
    public let ramping: Bool

    public init() { self.init(ramping: true) }

    public init(ramping: Bool) { self.ramping = ramping }

    private static func cell(_ y: Int, _ x: Int) -> Int { y * MinAtarBoard.size + x }

    private mutating func fillBlock() {
        for y in 0..<4 { for x in 2..<8 { aliens[Self.cell(y, x)] = true } }
    }

    public mutating func reset(random: inout NumpyRandomState) {
        cannon = 5
        for i in 0..<MinAtarBoard.cells { (aliens[i], shots[i], alienShots[i]) = (false, false, false) }
        fillBlock()
        direction = -1
        moveInterval = Self.initialMoveInterval
        moveTimer = moveInterval
        alienShotTimer = Self.alienShotInterval
        rampIndex = 0
        shotTimer = 0
        terminal = false
    }

    /// Moves every row of `map` by `rows` (1: down, −1: up); the row that comes in is empty.
    private static func shiftRows(_ map: inout [Bool], by rows: Int) {
        let size = MinAtarBoard.size
        if rows > 0 {
            for y in stride(from: size - 1, through: 1, by: -1) { for x in 0..<size { map[cell(y, x)] = map[cell(y - 1, x)] } }
            for x in 0..<size { map[cell(0, x)] = false }
        } else {
            for y in 0..<(size - 1) { for x in 0..<size { map[cell(y, x)] = map[cell(y + 1, x)] } }
            for x in 0..<size { map[cell(size - 1, x)] = false }
        }
    }

    private func column(_ x: Int, has map: [Bool]) -> Bool { (0..<MinAtarBoard.size).contains { map[Self.cell($0, x)] } }

    public mutating func act(_ action: MinAtarAction, random: inout NumpyRandomState) -> (reward: Double, terminal: Bool) {
        guard !terminal else { return (0, true) }
        let size = MinAtarBoard.size
        if action == .fire, shotTimer == 0 {
            shots[Self.cell(9, cannon)] = true
            shotTimer = Self.shotCooldown
        } else if action == .left {
            cannon = max(0, cannon - 1)
        } else if action == .right {
            cannon = min(9, cannon + 1)
        }
        Self.shiftRows(&shots, by: -1)
        Self.shiftRows(&alienShots, by: 1)
        if alienShots[Self.cell(9, cannon)] || aliens[Self.cell(9, cannon)] { terminal = true }
        if moveTimer == 0 {
            moveTimer = min(aliens.filter { $0 }.count, moveInterval)
            if (column(0, has: aliens) && direction < 0) || (column(9, has: aliens) && direction > 0) {
                direction = -direction
                if (0..<size).contains(where: { aliens[Self.cell(9, $0)] }) { terminal = true }
                // minatar rolls the rows, so a bottom row (which has just ended the episode) wraps to the top.
                let bottom = (0..<size).map { aliens[Self.cell(9, $0)] }
                Self.shiftRows(&aliens, by: 1)
                for x in 0..<size { aliens[Self.cell(0, x)] = bottom[x] }
            } else {
                var moved = [Bool](repeating: false, count: MinAtarBoard.cells)
                for y in 0..<size { for x in 0..<size where aliens[Self.cell(y, x)] { moved[Self.cell(y, x + direction)] = true } }
                aliens = moved
            }
            if aliens[Self.cell(9, cannon)] { terminal = true }
        }
        if alienShotTimer == 0 {
            alienShotTimer = Self.alienShotInterval
            // The column nearest the cannon that has an alien (the left one of two as near), its lowest alien.
            let order = (0..<size).sorted { (abs($0 - cannon), $0) < (abs($1 - cannon), $1) }
            if let x = order.first(where: { column($0, has: aliens) }),
               let y = (0..<size).last(where: { aliens[Self.cell($0, x)] }) {
                alienShots[Self.cell(y, x)] = true
            }
        }
        var reward = 0.0
        for i in 0..<MinAtarBoard.cells where aliens[i] && shots[i] {
            reward += 1
            (aliens[i], shots[i]) = (false, false)
        }
        if shotTimer > 0 { shotTimer -= 1 }
        moveTimer -= 1
        alienShotTimer -= 1
        if !aliens.contains(true) {
            if moveInterval > 6, ramping {
                moveInterval -= 1
                rampIndex += 1
            }
            fillBlock()
        }
        return (reward, terminal)
    }

    public func board(into observation: UnsafeMutableBufferPointer<Float>) {
        let c = Self.channels
        for i in 0..<observation.count { observation[i] = 0 }
        observation[Self.cell(9, cannon) * c] = 1
        for i in 0..<MinAtarBoard.cells {
            if aliens[i] {
                observation[i * c + 1] = 1
                observation[i * c + (direction < 0 ? 2 : 3)] = 1
            }
            if shots[i] { observation[i * c + 4] = 1 }
            if alienShots[i] { observation[i * c + 5] = 1 }
        }
    }
}
