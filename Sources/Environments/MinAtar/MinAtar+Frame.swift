import Foundation

extension MinAtar: RenderableEnvironment {
    /// minatar's display shows a board for 50 ms.
    public var framesPerSecond: Int { 20 }

    /// Pixels a board cell takes in a frame.
    public static var cellSize: Int { 32 }

    /// minatar's picture, scaled up: each cell in the colour of its highest channel set (the
    /// `cubehelix` palette of `MinAtarPalette`), black where the board is empty.
    public func frame() -> Frame {
        let channels = Game.channels, size = MinAtarBoard.size, cell = Double(Self.cellSize)
        var board = [Float](repeating: 0, count: MinAtarBoard.cells * channels)
        board.withUnsafeMutableBufferPointer { game.board(into: $0) }
        let palette = MinAtarPalette.colors(count: channels)
        var frame = Frame(width: size * Self.cellSize, height: size * Self.cellSize, background: .black)
        for y in 0..<size {
            for x in 0..<size {
                let base = (y * size + x) * channels
                guard let top = (0..<channels).last(where: { board[base + $0] != 0 }) else { continue }
                let (left, upper) = (Double(x) * cell, Double(y) * cell)
                frame.shapes.append(.polygon([Point(left, upper), Point(left + cell, upper), Point(left + cell, upper + cell),
                                              Point(left, upper + cell)], fill: palette[top], outline: nil))
            }
        }
        return frame
    }
}

/// The channel colours of minatar's display and rgb_array: seaborn's `cubehelix` palette of one
/// colour per channel, i.e. matplotlib's cubehelix colormap (γ 1, start 0.5, rotations −1.5, hue 1,
/// a 256-entry table) read at the channel's point of `count` evenly spaced inside (0, 1).
public enum MinAtarPalette {
    public static func colors(count: Int) -> [Color] {
        precondition(count > 0, "a palette of at least one colour, asked for \(count)")
        return (1...count).map { i in
            let entry = min(Int(Double(i) / Double(count + 1) * 256), 255)
            let x = Double(entry) / 255
            let amplitude = x * (1 - x) / 2, phi = 2 * Double.pi * (0.5 / 3 - 1.5 * x)
            func channel(_ p0: Double, _ p1: Double) -> UInt8 {
                let value = min(max(x + amplitude * (p0 * cos(phi) + p1 * sin(phi)), 0), 1)
                return UInt8((255 * value).rounded())
            }
            return Color(channel(-0.14861, 1.78277), channel(-0.29227, -0.90649), channel(1.97294, 0))
        }
    }
}
