import SeededRandom

/// MinAtar's Freeway: a chicken in column 4 crosses eight lanes of cars from the bottom row to the
/// top. It can move one row every 3 frames; reaching the top scores 1, sends it back to the bottom
/// and gives every car a new speed. A car moves one cell every |speed| frames (1 to 5, either way,
/// wrapping around), checked for the chicken before and after it moves; a hit sends the chicken to
/// the bottom. The episode ends, as a termination, on the 2,501st frame.
public struct Freeway: MinAtarGame {
    public static let name = "Freeway"
    /// The chicken, the cars, and one channel per speed for the cell behind each car.
    public static let channels = 7
    public static let minimalActions: [MinAtarAction] = [.noop, .up, .down]
    static let framesPerMove = 3, frames = 2500, chickenColumn = 4

    /// A car: its cell, the frames until it moves, and its signed speed (negative: leftwards).
    public struct Car: Sendable, Equatable {
        public var x: Int, lane: Int, timer: Int, speed: Int
    }

    public private(set) var cars = (1...8).map { Car(x: 0, lane: $0, timer: 0, speed: 0) }
    /// The chicken's row (9: the bottom).
    public private(set) var row = 9
    public private(set) var moveTimer = 3
    public private(set) var framesLeft = 2500
    public private(set) var terminal = false

    public init() {}

    public mutating func reset(random: inout NumpyRandomState) {
        for i in cars.indices { cars[i].x = 0 }
        newSpeeds(random: &random)
        row = 9
        moveTimer = Self.framesPerMove
        framesLeft = Self.frames
        terminal = false
    }

    /// Eight speeds in 1...5, then eight directions: the sign of a uniform draw less ½ (0, for a
    /// draw of exactly ½, leaves the car without speed, as minatar's would). Each car's timer
    /// restarts at its new speed.
    private mutating func newSpeeds(random: inout NumpyRandomState) {
        for i in cars.indices { cars[i].speed = random.randint(1, 6) }
        for i in cars.indices {
            let draw = random.rand()
            cars[i].speed *= draw > 0.5 ? 1 : draw < 0.5 ? -1 : 0
            cars[i].timer = abs(cars[i].speed)
        }
    }

    public mutating func act(_ action: MinAtarAction, random: inout NumpyRandomState) -> (reward: Double, terminal: Bool) {
        guard !terminal else { return (0, true) }
        if moveTimer == 0, action == .up || action == .down {
            moveTimer = Self.framesPerMove
            row = action == .up ? max(0, row - 1) : min(9, row + 1)
        }
        var reward = 0.0
        if row == 0 {
            reward = 1
            newSpeeds(random: &random)
            row = 9
        }
        for i in cars.indices {
            if cars[i].x == Self.chickenColumn, cars[i].lane == row { row = 9 }
            if cars[i].timer == 0 {
                cars[i].timer = abs(cars[i].speed)
                cars[i].x += cars[i].speed > 0 ? 1 : -1
                if cars[i].x < 0 { cars[i].x = 9 } else if cars[i].x > 9 { cars[i].x = 0 }
                if cars[i].x == Self.chickenColumn, cars[i].lane == row { row = 9 }
            } else {
                cars[i].timer -= 1
            }
        }
        if moveTimer > 0 { moveTimer -= 1 }
        framesLeft -= 1
        if framesLeft < 0 { terminal = true }
        return (reward, terminal)
    }

    public func board(into observation: UnsafeMutableBufferPointer<Float>) {
        let c = Self.channels, size = MinAtarBoard.size
        observation[(row * size + Self.chickenColumn) * c] = 1
        for car in cars {
            observation[(car.lane * size + car.x) * c + 1] = 1
            guard car.speed != 0 else { continue }
            var back = car.speed > 0 ? car.x - 1 : car.x + 1
            if back < 0 { back = 9 } else if back > 9 { back = 0 }
            observation[(car.lane * size + back) * c + 1 + abs(car.speed)] = 1
        }
    }
}
