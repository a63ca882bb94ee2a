import Foundation
import XCTest
import Environments

/// The native MinAtar pictures against minatar's own (`Fixtures/MinAtar/frames.json`, written by
/// `Benchmarks/minatar_frames.py`): seaborn's palette per game, and after a seeded reset and the
/// recorded actions, every cell in the colour of minatar's gymnasium `rgb_array`.
final class MinAtarFrameTests: XCTestCase {
    struct Pictures: Decodable {
        struct Game: Decodable {
            var game: String
            var seed: UInt64
            var actions: [Int]
            var palette: [[UInt8]]
            var pixels: [[[UInt8]]]
        }
        var games: [Game]
    }

    func draw<Game: MinAtarGame>(_: Game.Type, _ recorded: Pictures.Game) throws {
        XCTAssertEqual(MinAtarPalette.colors(count: Game.channels).map { [$0.red, $0.green, $0.blue] }, recorded.palette,
                       "\(recorded.game): seaborn's cubehelix palette")
        var env = MinAtar<Game>(minimalActionSet: false)
        _ = env.reset(seed: recorded.seed)
        for action in recorded.actions { _ = try env.step(.discrete(action)) }
        let frame = env.frame(), cell = Double(MinAtar<Game>.cellSize)
        XCTAssertEqual(frame.width, 10 * MinAtar<Game>.cellSize)
        var drawn = [[UInt8]](repeating: [0, 0, 0], count: MinAtarBoard.cells)
        for shape in frame.shapes {
            guard case let .polygon(points, fill?, nil) = shape, points.count == 4 else { return XCTFail("\(recorded.game): \(shape)") }
            let (x, y) = (Int(points[0].x / cell), Int(points[0].y / cell))
            XCTAssertEqual(points[2].x - points[0].x, cell)
            drawn[y * MinAtarBoard.size + x] = [fill.red, fill.green, fill.blue]
        }
        XCTAssertEqual(drawn, recorded.pixels.flatMap { $0 }, "\(recorded.game): the board's colours, row by row")
        XCTAssertGreaterThan(Set(drawn).count, 2, "\(recorded.game): the picture shows several kinds of object")
    }

    func testEveryGameIsDrawnInMinAtarsColours() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/MinAtar/frames.json")
        let pictures = try JSONDecoder().decode(Pictures.self, from: Data(contentsOf: url))
        XCTAssertEqual(pictures.games.map(\.game), ["asterix", "breakout", "freeway", "seaquest", "space_invaders"])
        try draw(Asterix.self, pictures.games[0])
        try draw(Breakout.self, pictures.games[1])
        try draw(Freeway.self, pictures.games[2])
        try draw(Seaquest.self, pictures.games[3])
        try draw(SpaceInvaders.self, pictures.games[4])
    }
}
