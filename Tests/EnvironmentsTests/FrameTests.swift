import XCTest
@testable import Environments

/// Pictures as shapes: sizes, what a step changes, and exhaust particles that never touch the dynamics.
final class FrameTests: XCTestCase {
    func testEveryBuiltInDrawsGymnasiumsFrameSize() throws {
        let sizes = ["CartPole-v1": (600, 400), "Acrobot-v1": (500, 500), "MountainCar-v0": (600, 400),
                     "MountainCarContinuous-v0": (600, 400), "Pendulum-v1": (500, 500),
                     "LunarLander-v3": (600, 400), "LunarLanderContinuous-v3": (600, 400),
                     "BipedalWalker-v3": (600, 400), "BipedalWalkerHardcore-v3": (600, 400)]
        for id in sizes.keys {
            guard var env = try Registry.make(id) as? any RenderableEnvironment else { return XCTFail("\(id) does not render") }
            _ = env.reset(seed: 1)
            let frame = env.frame()
            XCTAssertEqual(frame.width, sizes[id]?.0, id)
            XCTAssertEqual(frame.height, sizes[id]?.1, id)
            XCTAssertFalse(frame.shapes.isEmpty, id)
        }
    }

    func testPendulumDrawsItsLastTorqueAsAnArrow() throws {
        var env = Pendulum()
        _ = env.reset(seed: 0)
        XCTAssertNil(env.lastTorque)
        let before = env.frame().shapes.count
        _ = try env.step(.continuous([5]))
        XCTAssertEqual(env.lastTorque, 2, "the torque is clipped to 2")
        XCTAssertEqual(env.frame().shapes.count, before + 2)
        _ = env.reset(seed: 0)
        XCTAssertNil(env.lastTorque)
    }

    func testExhaustParticlesLeaveTheDynamicsUnchanged() throws {
        var plain = LunarLander(), rendered = LunarLander()
        rendered.prepareForRendering()
        var particlesSeen = 0
        for episode in 0..<3 {
            XCTAssertEqual(plain.reset(seed: UInt64(episode)), rendered.reset(seed: UInt64(episode)))
            var done = false, step = 0
            while !done {
                let action = [2, 2, 1, 3, 0][step % 5]
                let a = try plain.step(.discrete(action)), b = try rendered.step(.discrete(action))
                XCTAssertEqual(a.observation, b.observation, "episode \(episode) step \(step)")
                XCTAssertEqual(a.result, b.result, "episode \(episode) step \(step)")
                particlesSeen = max(particlesSeen, rendered.scene.particles.count)
                XCTAssertTrue(plain.scene.particles.isEmpty)
                done = a.result.done
                step += 1
            }
        }
        XCTAssertGreaterThan(particlesSeen, 2)
        XCTAssertLessThanOrEqual(particlesSeen, LanderExhaust.capacity)
    }

    func testParticlesFadeFromRedAndDie() {
        let young = LunarLanderScene.Particle(position: Point(0, 0), timeToLive: 0.85)
        XCTAssertEqual(young.color, Color(255, 108, 108))
        let old = LunarLanderScene.Particle(position: Point(0, 0), timeToLive: 0.05)
        XCTAssertEqual(old.color, Color(51, 51, 51))
        var exhaust = LanderExhaust()
        let terrain = LanderTerrain(heights: [Double](repeating: 3, count: Lander.chunks))
        exhaust.emit(x: 10, y: 3.5, impulse: (0, -0.5), density: 3.5, timeToLive: 1)
        for _ in 0..<6 { exhaust.advance(terrain: terrain, gravity: -10, dt: 0.02) }
        XCTAssertEqual(exhaust.particles.count, 1)
        XCTAssertGreaterThanOrEqual(exhaust.particles[0].y, 3 + LanderExhaust.radius - 1e-9, "it bounced off the ground")
        exhaust.advance(terrain: terrain, gravity: -10, dt: 0.02)
        XCTAssertTrue(exhaust.particles.isEmpty, "its time to live ran out after 7 steps")
    }
}
