import XCTest
import Environments
@testable import Rendering

/// BipedalWalker's picture in pixels: sky, ground and hull where the scene puts them, and a scene
/// read from a reference index drawn as the environment draws its own.
final class BipedalWalkerPictureTests: XCTestCase {
    func testSkyGroundAndHullLandOnTheirPixels() throws {
        var env = BipedalWalker()
        _ = env.reset(seed: 3)
        let scene = env.scene
        let raster = try Rasterizer(width: 600, height: 400).render(env.frame())
        XCTAssertEqual([raster.width, raster.height], [600, 400])
        // The hull's centre, a point just inside its body: 30 px per metre, the view's left column subtracted.
        let column = Int(scene.hull.x * 30) - scene.leftColumn, row = 400 - Int(scene.hull.y * 30)
        XCTAssertEqual(raster[column, row], BipedalWalkerScene.hullFill)
        XCTAssertEqual(raster[0, 0], BipedalWalkerScene.sky, "the sky fills the first column too")
        XCTAssertEqual(raster[599, 399], BipedalWalkerScene.soil, "soil under the ground line")
    }

    func testAnIndexSceneIsDrawnAsTheEnvironmentDrawsItsOwn() throws {
        var env = BipedalWalker(hardcore: true)
        _ = env.reset(seed: 5)
        let scene = env.scene
        func pose(_ p: BipedalWalkerScene.Pose) -> [Double] { [p.x, p.y, p.angle] }
        let entry = ReferenceFrames.WalkerScene(
            terrain_x: scene.terrainX, terrain_y: scene.terrainY,
            obstacles: scene.obstacles.map { $0.map { [$0.x, $0.y] } }, clouds: scene.clouds.map { $0.map { [$0.x, $0.y] } },
            hull: pose(scene.hull), legs: scene.legs.map(pose), lidar: scene.lidar.map { [[$0.from.x, $0.from.y], [$0.to.x, $0.to.y]] })
        let read = try ReferenceFrames.walkerScene(entry) { .malformedFile("index", reason: $0) }
        XCTAssertEqual(read, scene)
        XCTAssertEqual(read.frame(), env.frame())

        var broken = entry
        broken.legs.removeLast()
        XCTAssertThrowsError(try ReferenceFrames.walkerScene(broken) { .malformedFile("index", reason: $0) }) {
            XCTAssertTrue("\($0)".contains("legs has 3 poses; expected 4"), "\($0)")
        }
        broken = entry
        broken.terrain_y.removeLast()
        XCTAssertThrowsError(try ReferenceFrames.walkerScene(broken) { .malformedFile("index", reason: $0) }) {
            XCTAssertTrue("\($0)".contains("expected as many"), "\($0)")
        }
    }
}
