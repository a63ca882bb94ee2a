import XCTest
import Environments
import SeededRandom
@testable import Rendering

/// PNG and GIF files: they decode back to what was drawn, and bad paths are refused up front.
final class OutputTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func testPNGDecodesToTheSamePixels() throws {
        var env = Pendulum()
        _ = env.reset(seed: 3)
        _ = try env.step(.continuous([1.5]))
        let raster = try Rasterizer(width: 500, height: 500).render(env.frame())
        try raster.writePNG(to: path("pendulum.png"))
        let decoded = try Raster(png: path("pendulum.png"))
        XCTAssertEqual(decoded.width, 500)
        XCTAssertEqual(decoded.height, 500)
        XCTAssertTrue(decoded == raster, "the PNG does not hold the pixels written")
    }

    func testGIFDecodesWithEveryFrameAndMergesRepeats() throws {
        let rasterizer = try Rasterizer(width: 600, height: 400)
        let drawn = try (0..<21).map { i in try rasterizer.render(CartPole.frame(x: -1 + 0.1 * Double(i), theta: 0.02 * Double(i))) }
        let writer = try GIFWriter(path: path("cartpole.gif"), width: 600, height: 400)
        for (i, raster) in drawn.enumerated() {
            try writer.add(raster, delay: 2)
            if i == 5 { try writer.add(raster, delay: 3) }
        }
        try writer.finish()
        XCTAssertEqual(writer.frameCount, drawn.count)

        let reader = try GIFReader(path: path("cartpole.gif"))
        XCTAssertEqual(reader.width, 600)
        XCTAssertEqual(reader.height, 400)
        XCTAssertEqual(reader.frameCount, drawn.count)
        try reader.forEachFrame { index, raster, delay in
            // Rotated edges blend into more than 255 shades: quantised, yet close and exact in flat areas.
            XCTAssertGreaterThan(try raster.agreement(with: drawn[index], tolerance: 16), 0.999, "frame \(index)")
            XCTAssertEqual(raster[0, 0], .white)
            XCTAssertEqual(raster[Int(300 + 125 * (-1 + 0.1 * Double(index))), 305], .black, "the cart in frame \(index)")
            XCTAssertEqual(delay, index == 5 ? 5 : 2, "frame \(index)")
        }
    }

    /// A GIF and a PNG get the permissions the umask gives any new file (giflib alone creates
    /// files only their owner may read).
    func testPicturesGetTheUmasksPermissions() throws {
        let mask = umask(0o022)
        defer { umask(mask) }
        let raster = try Rasterizer(width: 600, height: 400).render(CartPole.frame(x: 0, theta: 0))
        try raster.writePNG(to: path("frame.png"))
        let writer = try GIFWriter(path: path("frame.gif"), width: 600, height: 400)
        try writer.add(raster, delay: 2)
        try writer.finish()
        for name in ["frame.png", "frame.gif"] {
            let permissions = try FileManager.default.attributesOfItem(atPath: path(name))[.posixPermissions] as? Int
            XCTAssertEqual(permissions, 0o644, name)
        }
    }

    func testManyColoursAreQuantisedByGiflib() throws {
        var generator = Xoshiro256(seed: 7)
        let pixels = (0..<(64 * 64)).map { _ in 0xFF00_0000 | UInt32(truncatingIfNeeded: generator.next()) & 0xFF_FFFF }
        let noise = Raster(width: 64, height: 64, pixels: pixels)
        let writer = try GIFWriter(path: path("noise.gif"), width: 64, height: 64)
        try writer.add(noise, delay: 10)
        try writer.finish()
        let reader = try GIFReader(path: path("noise.gif"))
        XCTAssertEqual(reader.frameCount, 1)
        try reader.forEachFrame { _, raster, _ in
            XCTAssertFalse(raster == noise, "4096 random colours cannot be exact in 255")
            XCTAssertGreaterThan(try raster.agreement(with: noise, tolerance: 64), 0.9)
        }
    }

    func testRecordingAGIFKeepsEveryKthStateAndTheLast() throws {
        var env = CartPole()
        var generator = Xoshiro256(seed: 5)
        let summary = try Recording.record(&env, to: path("run.gif"), options: RecordingOptions(episodes: 2, seed: 10, every: 3)) { _, action in
            action[0] = Float(generator.nextInt(below: 2))
        }
        XCTAssertEqual(summary.episodes.count, 2)
        let expected = summary.episodes.map { $0.length / 3 + 1 + ($0.length % 3 == 0 ? 0 : 1) }.reduce(0, +)
        XCTAssertEqual(summary.frames, expected)
        XCTAssertTrue(summary.episodes.allSatisfy(\.ended))
        let reader = try GIFReader(path: path("run.gif"))
        XCTAssertEqual(reader.frameCount, summary.images)
        XCTAssertLessThanOrEqual(summary.images, summary.frames)
        XCTAssertEqual(reader.width, 600)
        XCTAssertEqual(reader.height, 400)
        // Every state shows for 1/50 s (CartPole's rate), the last of an episode a second more.
        var total = 0
        try reader.forEachFrame { _, _, delay in total += delay }
        XCTAssertEqual(total, summary.episodes.map { ($0.length + 1) * 2 + 100 }.reduce(0, +))
    }

    func testRecordingAPNGWritesTheChosenFrame() throws {
        var env = Acrobot()
        let options = RecordingOptions(seed: 2, maxSteps: 10, frame: 4)
        let summary = try Recording.record(&env, to: path("acrobot.png"), options: options) { _, action in action[0] = 2 }
        XCTAssertEqual(summary.frames, 11)
        XCTAssertEqual(summary.episodes.first?.length, 10)
        XCTAssertEqual(summary.episodes.first?.ended, false)

        var replay = Acrobot()
        _ = replay.reset(seed: 2)
        for _ in 0..<4 { _ = try replay.step(.discrete(2)) }
        let expected = try Rasterizer(width: 500, height: 500).render(replay.frame())
        XCTAssertTrue(try Raster(png: path("acrobot.png")) == expected, "the PNG is not frame 4")

        var again = Acrobot()
        XCTAssertThrowsError(try Recording.record(&again, to: path("late.png"), options: RecordingOptions(maxSteps: 3, frame: 9)) { _, a in a[0] = 0 }) {
            XCTAssertTrue("\($0)".contains("--frame 9 was not reached: the recording has 4 frames"), "\($0)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("late.png")))
    }

    func testBadOutputPathsAreRefusedBeforeAnyEpisode() throws {
        for (name, message) in [("run.mp4", "unsupported extension; expected one of .png, .gif"),
                                ("run", "unsupported extension"),
                                ("missing/run.gif", "does not exist")] {
            var env = CartPole()
            var steps = 0
            XCTAssertThrowsError(try Recording.record(&env, to: path(name), options: RecordingOptions()) { _, a in
                steps += 1
                a[0] = 0
            }) { XCTAssertTrue("\($0)".contains(message), "\(name): \($0)") }
            XCTAssertEqual(steps, 0, name)
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("taken.gif"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try PictureFormat.checkedOutput(path("taken.gif"))) {
            XCTAssertTrue("\($0)".contains("it is a directory"), "\($0)")
        }
        XCTAssertEqual(try PictureFormat.checkedOutput(path("Run.GIF")), .gif)
    }

    func testAFailedGIFLeavesThePreviousFile() throws {
        try Data("previous".utf8).write(to: folder.appendingPathComponent("keep.gif"))
        do {
            let writer = try GIFWriter(path: path("keep.gif"), width: 8, height: 8)
            try writer.add(Raster(width: 8, height: 8), delay: 1)
            XCTAssertThrowsError(try writer.add(Raster(width: 4, height: 4), delay: 1))
        }
        XCTAssertEqual(try String(contentsOfFile: path("keep.gif"), encoding: .utf8), "previous")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testLunarLanderGIFStaysSmall() throws {
        var env = LunarLanderContinuous()
        var generator = Xoshiro256(seed: 3)
        let summary = try Recording.record(&env, to: path("lander.gif"), options: RecordingOptions(episodes: 8, seed: 1)) { _, a in
            a[0] = generator.nextFloat() * 2 - 1
            a[1] = generator.nextFloat() * 2 - 1
        }
        XCTAssertGreaterThan(summary.frames, 500)
        let bytesPerThousandFrames = Double(summary.bytes) * 1000 / Double(summary.frames)
        XCTAssertLessThan(bytesPerThousandFrames, 10_000_000)
        print("LunarLanderContinuous random: \(summary.frames) frames, \(summary.bytes) bytes")
        XCTAssertEqual(try GIFReader(path: path("lander.gif")).width, 600)
    }
}
