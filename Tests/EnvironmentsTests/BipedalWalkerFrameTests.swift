import XCTest
@testable import Environments

/// BipedalWalker's pictures as shapes: the view following the hull, the bodies where their poses
/// say, gymnasium's lidar sweep, seeded clouds, and drawing that never touches the dynamics.
final class BipedalWalkerFrameTests: XCTestCase {
    /// The shapes filled with `color`, as picture points.
    func polygons(_ frame: Frame, filled color: Color) -> [[Point]] {
        frame.shapes.compactMap {
            if case let .polygon(points, fill, _) = $0, fill == color { return points }
            return nil
        }
    }

    func act(_ heuristic: inout BipedalWalkerHeuristic, _ observation: [Float]) -> [Float] {
        let a = observation.withUnsafeBufferPointer { heuristic.action(observation: $0) }
        return [a.0, a.1, a.2, a.3]
    }

    func assertClose(_ a: Point, _ b: Point, _ message: String, accuracy: Double = 1e-6) {
        XCTAssertEqual(a.x, b.x, accuracy: accuracy, message)
        XCTAssertEqual(a.y, b.y, accuracy: accuracy, message)
    }

    func testTheHullIsDrawnWhereItsPoseSaysAndTheViewFollowsIt() throws {
        var env = BipedalWalker()
        var heuristic = BipedalWalkerHeuristic()
        var observation = env.reset(seed: 4)
        var checked = 0
        for step in 0..<400 {
            let scene = env.scene
            let frame = env.frame()
            XCTAssertEqual([frame.width, frame.height], [600, 400])
            XCTAssertEqual(scene.scroll, scene.hull.x - 4, accuracy: 1e-12, "the view's left edge is 4 m behind the hull")
            XCTAssertEqual(scene.leftColumn, Int(max(0, scene.hull.x - 4) * 30))
            let hull = try XCTUnwrap(polygons(frame, filled: BipedalWalkerScene.hullFill).first, "step \(step)")
            XCTAssertEqual(hull.count, Walker.hullPolygon.count)
            let (c, s) = (cos(scene.hull.angle), sin(scene.hull.angle))
            for (vertex, local) in zip(hull, Walker.hullPolygon) {
                let (lx, ly) = (local.0 / 30, local.1 / 30)
                let world = (scene.hull.x + c * lx - s * ly, scene.hull.y + s * lx + c * ly)
                assertClose(vertex, Point(world.0 * 30 - Double(scene.leftColumn), 400 - world.1 * 30), "step \(step)")
            }
            // The hull's origin stays a fifth of the way into the picture while the view scrolls.
            XCTAssertEqual(scene.hull.x * 30 - Double(scene.leftColumn), 120, accuracy: 1.000001)
            checked += 1
            let (next, result) = try env.step(.continuous(act(&heuristic, observation)))
            observation = next
            if result.done { break }
        }
        XCTAssertGreaterThan(env.scene.hull.x, Walker.startX + 5, "the heuristic walked, so the view scrolled")
        XCTAssertGreaterThan(checked, 100)
    }

    func testSkyGroundLegsAndFlagInGymnasiumsOrderAndColours() throws {
        var env = BipedalWalker()
        _ = env.reset(seed: 1)
        let frame = env.frame()
        XCTAssertEqual(frame.background, .black, "gymnasium's surface is black where nothing is drawn")
        guard case let .polygon(sky, fill, outline) = frame.shapes.first else { return XCTFail("the sky comes first") }
        XCTAssertEqual(fill, BipedalWalkerScene.sky)
        XCTAssertNil(outline)
        XCTAssertEqual(sky.map(\.x).min(), 0, "the sky covers the picture's first column")
        XCTAssertEqual(sky.map(\.x).max(), 600)
        let legFills = [BipedalWalkerScene.legFill.0, BipedalWalkerScene.legFill.1]
        XCTAssertEqual(legFills.map { polygons(frame, filled: $0).count }, [2, 2], "a thigh and a shin per side")
        XCTAssertFalse(polygons(frame, filled: BipedalWalkerScene.soil).isEmpty)
        XCTAssertEqual(polygons(frame, filled: BipedalWalkerScene.flagFill).count, 1, "the start flag is in view")
        let lastFill = frame.shapes.lastIndex { if case let .polygon(_, fill, _) = $0 { return fill == BipedalWalkerScene.hullFill }; return false }
        let firstLeg = frame.shapes.firstIndex { if case let .polygon(_, fill, _) = $0 { return legFills.contains(fill ?? .white) }; return false }
        XCTAssertLessThan(try XCTUnwrap(firstLeg), try XCTUnwrap(lastFill), "the hull is drawn over the legs")
        XCTAssertTrue(polygons(frame, filled: BipedalWalkerScene.obstacleFill).filter { $0.count == 4 }.isEmpty,
                      "no obstacles on the normal course")

        var hardcore = BipedalWalker(hardcore: true)
        _ = hardcore.reset(seed: 1)
        XCTAssertFalse(hardcore.scene.obstacles.isEmpty)
        XCTAssertEqual(hardcore.scene.obstacles.count, hardcore.world?.terrain.obstacles.count)
    }

    func testTheLidarSweepsOutAndBackThenRests() {
        let rays = (0..<101).map { BipedalWalker.lidarRayDrawn(afterSteps: $0) }
        XCTAssertEqual(Array(rays[0..<20]), [1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, nil])
        XCTAssertTrue(rays[19..<99].allSatisfy { $0 == nil })
        XCTAssertEqual(rays[99], 0, "the counter wraps to 0 at the 100th picture")
        XCTAssertEqual(rays[100], 1)
    }

    func testTheLidarLineEndsWhereTheObservationSaysItMetTheGround() throws {
        var env = BipedalWalker()
        let observation = env.reset(seed: 2)
        let scene = env.scene
        let (from, to) = try XCTUnwrap(scene.lidar)
        XCTAssertEqual(from, Point(scene.hull.x, scene.hull.y))
        let length = hypot(to.x - from.x, to.y - from.y)
        XCTAssertEqual(length / Walker.lidarRange, Double(observation[14 + 1]), accuracy: 1e-5, "ray 1 in the reset's picture")
    }

    func testCloudsAreSeededAndDrawingLeavesTheDynamicsUnchanged() throws {
        var drawn = BipedalWalker(), plain = BipedalWalker()
        XCTAssertEqual(drawn.reset(seed: 9), plain.reset(seed: 9))
        let clouds = drawn.scene.clouds
        XCTAssertEqual(clouds.count, 10)
        XCTAssertTrue(clouds.allSatisfy { $0.count == 5 && $0.allSatisfy { $0.y > 7.6 && $0.y < 14.7 } })
        var again = BipedalWalker()
        _ = again.reset(seed: 9)
        XCTAssertEqual(again.scene.clouds, clouds, "same seed, same clouds")
        _ = again.reset(seed: 10)
        XCTAssertNotEqual(again.scene.clouds, clouds)
        var heuristic = BipedalWalkerHeuristic()
        var observation = plain.reset(seed: 9)
        _ = drawn.reset(seed: 9)
        for step in 0..<300 {
            _ = drawn.frame()
            let action = act(&heuristic, observation)
            let a = try drawn.step(.continuous(action)), b = try plain.step(.continuous(action))
            XCTAssertEqual(a.observation, b.observation, "step \(step)")
            XCTAssertEqual(a.result, b.result, "step \(step)")
            observation = b.observation
            if b.result.done { break }
        }
    }

    func testAPictureBeforeTheFirstResetHasNoGround() {
        let frame = BipedalWalker().frame()
        XCTAssertEqual([frame.width, frame.height], [600, 400])
        XCTAssertTrue(polygons(frame, filled: BipedalWalkerScene.soil).isEmpty)
        XCTAssertTrue(BipedalWalker().scene.clouds.isEmpty)
    }
}
