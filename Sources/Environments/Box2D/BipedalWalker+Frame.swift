import CBox2D
import Foundation
import SeededRandom

extension BipedalWalker: RenderableEnvironment {
    public var framesPerSecond: Int { Int(Walker.fps) }

    /// gymnasium's 600×400 picture of the current scene; before the first reset, the walker at its
    /// start over no ground.
    public func frame() -> Frame { scene.frame() }

    /// The scene as gymnasium draws it after a reset or step. gymnasium's picture shows one lidar
    /// ray per frame, sweeping out over rays 1…9 and back over 9…0, then none for 80 frames; its
    /// counter advances with each `render()` call, so this follows the steps since the reset, as
    /// when every state is drawn once (`a3c render`, gymnasium's recording wrappers).
    public var scene: BipedalWalkerScene {
        let origin = BipedalWalkerScene.Pose(x: Walker.startX, y: Walker.terrainHeight + 2 * Walker.legHeight, angle: 0)
        guard let world else {
            return BipedalWalkerScene(terrainX: [], terrainY: [], obstacles: [], clouds: [], hull: origin,
                                      legs: [origin, origin, origin, origin], lidar: nil)
        }
        func pose(_ body: OpaquePointer) -> BipedalWalkerScene.Pose {
            let state = cb2_body_state(body)
            return .init(x: Double(state.position.x), y: Double(state.position.y), angle: Double(state.angle))
        }
        let hull = cb2_body_state(world.hull)
        var lidar: (from: Point, to: Point)?
        if let ray = Self.lidarRayDrawn(afterSteps: stepsSinceReset) {
            let fraction = Double(world.lidar(ray, from: hull.position))
            let angle = 1.5 * Double(ray) / 10
            let (x, y) = (Double(hull.position.x), Double(hull.position.y))
            lidar = (Point(x, y), Point(x + fraction * sin(angle) * Walker.lidarRange, y - fraction * cos(angle) * Walker.lidarRange))
        }
        let terrain = world.terrain
        return BipedalWalkerScene(
            terrainX: terrain.x, terrainY: terrain.y,
            obstacles: terrain.obstacles.map { $0.map { Point($0.0, $0.1) } },
            clouds: Self.clouds(from: cloudGenerator),
            hull: pose(world.hull),
            legs: [pose(world.legs.0.upper), pose(world.legs.0.lower), pose(world.legs.1.upper), pose(world.legs.1.lower)],
            lidar: lidar)
    }

    /// The ray gymnasium draws in the picture after `steps` steps of an episode (its counter is 1 at
    /// the reset's picture and wraps at 100), or `nil` when it draws none.
    static func lidarRayDrawn(afterSteps steps: Int) -> Int? {
        let counter = (steps + 1) % 100
        if counter < Walker.lidarRays { return counter }
        if counter < 2 * Walker.lidarRays { return 2 * Walker.lidarRays - 1 - counter }
        return nil
    }

    /// gymnasium's ten clouds: five points around (x, 10 m), x uniform over the course, each point
    /// jittered by up to 5 terrain steps right and up.
    static func clouds(from generator: Xoshiro256) -> [[Point]] {
        var generator = generator
        let step = Walker.terrainStep, height = Walker.viewportHeight / Walker.scale * 3 / 4
        return (0..<(Walker.terrainLength / 20)).map { _ in
            let x = generator.uniform(0, Double(Walker.terrainLength)) * step
            return (0..<5).map { a in
                let turn = 3.14 * 2 * Double(a) / 5
                let px = x + 15 * step * sin(turn) + generator.uniform(0, 5 * step)
                let py = height + 5 * step * cos(turn) + generator.uniform(0, 5 * step)
                return Point(px, py)
            }
        }
    }
}
