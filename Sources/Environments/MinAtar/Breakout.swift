import SeededRandom

/// MinAtar's Breakout: a paddle on the bottom row, a ball moving diagonally one cell a frame, three
/// rows of bricks. A brick hit scores 1, disappears and turns the ball back, but only the first of
/// two bricks hit on consecutive frames does: the second time the ball goes into the brick's cell
/// and the brick stays. The wall refills when the ball reaches the bottom row with none left; the
/// episode ends when the paddle misses the ball.
public struct Breakout: MinAtarGame {
    public static let name = "Breakout"
    public static let channels = 4
    public static let minimalActions: [MinAtarAction] = [.noop, .left, .right]
    static let paddleChannel = 0, ballChannel = 1, trailChannel = 2, brickChannel = 3

    /// Diagonal directions: 0 up-left, 1 up-right, 2 down-right, 3 down-left (y grows downwards).
    static let steps: [(dx: Int, dy: Int)] = [(-1, -1), (1, -1), (1, 1), (-1, 1)]
    static let bounceOffSide = [1, 0, 3, 2], bounceVertically = [3, 2, 1, 0], bounceOffPaddleEdge = [2, 3, 0, 1]

    public private(set) var ballX = 0, ballY = 3, direction = 2
    public private(set) var lastX = 0, lastY = 3
    public private(set) var paddle = 4
    /// Bricks, row-major: `bricks[y · 10 + x]`.
    public private(set) var bricks = [Bool](repeating: false, count: MinAtarBoard.cells)
    /// A brick was hit on the previous frame.
    public private(set) var strike = false
    public private(set) var terminal = false

    public init() {}

    public mutating func reset(random: inout NumpyRandomState) {
        ballY = 3
        (ballX, direction) = random.randint(2) == 0 ? (0, 2) : (9, 3)
        paddle = 4
        for i in bricks.indices { bricks[i] = false }
        fillWall()
        strike = false
        (lastX, lastY) = (ballX, ballY)
        terminal = false
    }

    /// Bricks in rows 1–3.
    private mutating func fillWall() {
        for i in MinAtarBoard.size..<(4 * MinAtarBoard.size) { bricks[i] = true }
    }

    public mutating func act(_ action: MinAtarAction, random: inout NumpyRandomState) -> (reward: Double, terminal: Bool) {
        guard !terminal else { return (0, true) }
        if action == .left { paddle = max(0, paddle - 1) } else if action == .right { paddle = min(9, paddle + 1) }
        (lastX, lastY) = (ballX, ballY)
        var x = ballX + Self.steps[direction].dx, y = ballY + Self.steps[direction].dy
        var reward = 0.0, hitBrick = false
        if x < 0 || x > 9 {
            x = min(max(x, 0), 9)
            direction = Self.bounceOffSide[direction]
        }
        if y < 0 {
            y = 0
            direction = Self.bounceVertically[direction]
        } else if bricks[y * MinAtarBoard.size + x] {
            hitBrick = true
            if !strike {
                reward = 1
                strike = true
                bricks[y * MinAtarBoard.size + x] = false
                y = lastY
                direction = Self.bounceVertically[direction]
            }
        } else if y == 9 {
            if !bricks.contains(true) { fillWall() }
            if ballX == paddle {
                direction = Self.bounceVertically[direction]
                y = lastY
            } else if x == paddle {
                direction = Self.bounceOffPaddleEdge[direction]
                y = lastY
            } else {
                terminal = true
            }
        }
        if !hitBrick { strike = false }
        (ballX, ballY) = (x, y)
        return (reward, terminal)
    }

    public func board(into observation: UnsafeMutableBufferPointer<Float>) {
        let c = Self.channels
        for cell in 0..<MinAtarBoard.cells where bricks[cell] { observation[cell * c + Self.brickChannel] = 1 }
        observation[(ballY * MinAtarBoard.size + ballX) * c + Self.ballChannel] = 1
        observation[(9 * MinAtarBoard.size + paddle) * c + Self.paddleChannel] = 1
        observation[(lastY * MinAtarBoard.size + lastX) * c + Self.trailChannel] = 1
    }
}
