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
    /// Bitboards: cell (y, x) is bit y · 10 + x.
    public private(set) var aliens: UInt128 = 0, shots: UInt128 = 0, alienShots: UInt128 = 0
    /// −1: the block marches left; 1: right.
    public private(set) var direction = -1
    public private(set) var moveInterval = 12, moveTimer = 12
    public private(set) var alienShotTimer = 10, shotTimer = 0
    public private(set) var rampIndex = 0
    public private(set) var terminal = false
    public let ramping: Bool

    public init() { self.init(ramping: true) }

    public init(ramping: Bool) { self.ramping = ramping }

    static let size = MinAtarBoard.size
    static let board: UInt128 = (1 << 100) - 1
    static let row: UInt128 = (1 << 10) - 1
    /// The block at the start: rows 0–3, columns 2–7.
    static let block: UInt128 = (0..<4).reduce(0) { $0 | (0b0011_1111_00 << ($1 * 10)) }

    static func bit(_ y: Int, _ x: Int) -> UInt128 { 1 << (y * size + x) }
    static func column(_ x: Int) -> UInt128 { (0..<size).reduce(0) { $0 | bit($1, x) } }
    static let columns: [UInt128] = (0..<size).map(column)

    public mutating func reset(random: inout NumpyRandomState) {
        cannon = 5
        aliens = Self.block
        (shots, alienShots) = (0, 0)
        direction = -1
        moveInterval = Self.initialMoveInterval
        moveTimer = moveInterval
        alienShotTimer = Self.alienShotInterval
        rampIndex = 0
        shotTimer = 0
        terminal = false
    }

    public mutating func act(_ action: MinAtarAction, random: inout NumpyRandomState) -> (reward: Double, terminal: Bool) {
        guard !terminal else { return (0, true) }
        let size = Self.size, bottomRow = Self.row << 90
        if action == .fire, shotTimer == 0 {
            shots |= Self.bit(9, cannon)
            shotTimer = Self.shotCooldown
        } else if action == .left {
            cannon = max(0, cannon - 1)
        } else if action == .right {
            cannon = min(9, cannon + 1)
        }
        shots >>= 10
        alienShots = (alienShots << 10) & Self.board
        if (alienShots | aliens) & Self.bit(9, cannon) != 0 { terminal = true }
        if moveTimer == 0 {
            moveTimer = min(aliens.nonzeroBitCount, moveInterval)
            if (aliens & Self.columns[0] != 0 && direction < 0) || (aliens & Self.columns[9] != 0 && direction > 0) {
                direction = -direction
                if aliens & bottomRow != 0 { terminal = true }
                // minatar rolls the rows, so a bottom row (which has just ended the episode) wraps to the top.
                aliens = ((aliens << 10) & Self.board) | (aliens >> 90)
            } else {
                // One cell sideways; the block is off the edge it marches to (it would have turned).
                aliens = direction < 0 ? (aliens >> 1) & ~Self.columns[9] : (aliens << 1) & ~Self.columns[0] & Self.board
            }
            if aliens & Self.bit(9, cannon) != 0 { terminal = true }
        }
        if alienShotTimer == 0 {
            alienShotTimer = Self.alienShotInterval
            // The column nearest the cannon that has an alien (the left one of two as near), its lowest alien.
            for distance in 0..<size {
                let inColumn = cannon - distance >= 0 && aliens & Self.columns[cannon - distance] != 0
                    ? aliens & Self.columns[cannon - distance]
                    : cannon + distance < size ? aliens & Self.columns[cannon + distance] : 0
                if inColumn != 0 {
                    alienShots |= 1 << (UInt128.bitWidth - 1 - inColumn.leadingZeroBitCount)
                    break
                }
            }
        }
        let hits = aliens & shots
        aliens &= ~hits
        shots &= ~hits
        if shotTimer > 0 { shotTimer -= 1 }
        moveTimer -= 1
        alienShotTimer -= 1
        if aliens == 0 {
            if moveInterval > 6, ramping {
                moveInterval -= 1
                rampIndex += 1
            }
            aliens = Self.block
        }
        return (Double(hits.nonzeroBitCount), terminal)
    }

    public func board(into observation: UnsafeMutableBufferPointer<Float>) {
        let c = Self.channels
        observation[(9 * Self.size + cannon) * c] = 1
        func mark(_ map: UInt128, _ channel: Int) {
            var rest = map
            while rest != 0 {
                observation[rest.trailingZeroBitCount * c + channel] = 1
                rest &= rest - 1
            }
        }
        mark(aliens, 1)
        mark(aliens, direction < 0 ? 2 : 3)
        mark(shots, 4)
        mark(alienShots, 5)
    }
}
