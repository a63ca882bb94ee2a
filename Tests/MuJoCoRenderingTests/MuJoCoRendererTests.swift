import CMuJoCo
import Environments
import Foundation
import MuJoCoEnvironments
@testable import MuJoCoRendering
import Rendering
import XCTest

/// MuJoCo's renderer in an offscreen EGL context draws the tasks; pictures are repeatable and follow the state.
final class MuJoCoRendererTests: XCTestCase {
    func testEveryTaskDrawsA480SquarePictureOfItsState() throws {
        func draw<Task: MuJoCoTask>(_: Task.Type) throws {
            var env = try MuJoCoEnvironment<Task>()
            _ = env.reset(seed: 1)
            let renderer = try MuJoCoRenderer(model: env.model, camera: Task.camera)
            let picture = try renderer.draw(&env)
            XCTAssertEqual(picture.width, 480, Task.id)
            XCTAssertEqual(picture.height, 480, Task.id)
            XCTAssertGreaterThan(Set(picture.pixels).count, 100, "\(Task.id): a picture, not a blank")
            XCTAssertEqual(try renderer.draw(&env), picture, "\(Task.id): the same state draws the same picture")
        }
        try draw(InvertedPendulumTask.self)
        try draw(InvertedDoublePendulumTask.self)
        try draw(ReacherTask.self)
        try draw(SwimmerTask.self)
        try draw(HopperTask.self)
        try draw(HalfCheetahTask.self)
        try draw(Walker2dTask.self)
        try draw(AntTask.self)
    }

    /// A moved state moves the picture; the camera stays where the first picture aimed it.
    func testPicturesFollowTheState() throws {
        var env = try Hopper()
        _ = env.reset(seed: 2)
        let renderer = try MuJoCoRenderer(model: env.model, camera: HopperTask.camera)
        let first = try renderer.draw(&env)
        for _ in 0..<20 { _ = try env.step(.continuous([1, -1, 1])) }
        let later = try renderer.draw(&env)
        let changed = zip(first.pixels, later.pixels).filter { $0 != $1 }.count
        XCTAssertGreaterThan(changed, 500)
    }

    /// gymnasium aims the free camera at the per-axis median of the geoms' positions, from the model's
    /// extent, then applies the task's settings.
    func testTheCameraIsAimedAsGymnasiumAimsIt() throws {
        var env = try Ant()
        _ = env.reset(seed: 3)
        let camera = env.withUnsafeSimulation { model, data in MuJoCoRenderer.aim(AntTask.camera, model: model, data: data) }
        let expected = env.withUnsafeSimulation { model, data -> [Double] in
            let positions = UnsafeBufferPointer(start: data.pointee.geom_xpos, count: 3 * Int(model.pointee.ngeom))
            return (0..<3).map { axis in
                let values = stride(from: axis, to: positions.count, by: 3).map { positions[$0] }.sorted()
                return values.count % 2 == 1 ? values[values.count / 2] : (values[values.count / 2 - 1] + values[values.count / 2]) / 2
            }
        }
        XCTAssertEqual([camera.lookat.0, camera.lookat.1, camera.lookat.2], expected)
        XCTAssertEqual(camera.distance, 4)
        XCTAssertEqual(camera.elevation, -45)
        XCTAssertEqual(camera.azimuth, 90)
        XCTAssertEqual(MuJoCoRenderer.median([3, 1, 2]), 2)
        XCTAssertEqual(MuJoCoRenderer.median([4, 1, 2, 3]), 2.5)
    }

    /// `Recording` takes a MuJoCo task through the registry: a GIF at gymnasium's frame rate, and a PNG.
    func testRecordingARegisteredTaskWritesAGIF() throws {
        try MuJoCoTasks.register()
        guard var env = try Registry.make("InvertedPendulum-v4") as? TimeLimited<InvertedPendulum> else {
            return XCTFail("InvertedPendulum-v4 should make a time-limited InvertedPendulum")
        }
        XCTAssertEqual(env.framesPerSecond, 25)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mujoco-render-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let gif = folder.appendingPathComponent("pendulum.gif").path
        let summary = try Recording.record(&env, to: gif, options: RecordingOptions(episodes: 1, seed: 1, maxSteps: 10)) { _, action in
            action[0] = 0.1
        }
        XCTAssertEqual(summary.frames, 11)
        XCTAssertEqual(try GIFReader(path: gif).width, 480)
        let png = folder.appendingPathComponent("pendulum.png").path
        _ = try Recording.record(&env, to: png, options: RecordingOptions(episodes: 1, seed: 1, maxSteps: 3, frame: 2)) { _, action in
            action[0] = 0
        }
        XCTAssertEqual(try Raster(png: png).width, 480)
    }
}
