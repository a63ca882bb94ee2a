import CBox2D
import Foundation

extension LunarLanderEnvironment: RenderableEnvironment {
    public var framesPerSecond: Int { 50 }

    /// gymnasium's 600×400 picture of the current scene.
    public func frame() -> Frame { scene.frame() }

    /// Turns on the exhaust particles, which gymnasium makes only when a render mode is set;
    /// they never change the dynamics.
    public mutating func prepareForRendering() {
        if exhaust == nil { exhaust = LanderExhaust() }
    }

    /// The scene as gymnasium draws it: sky above the terrain, flags, particles, lander and legs.
    /// Empty (no terrain, no bodies) before the first reset.
    public var scene: LunarLanderScene {
        let helipad = (x1: LanderTerrain.chunkX(Lander.chunks / 2 - 1), x2: LanderTerrain.chunkX(Lander.chunks / 2 + 1))
        guard let world else {
            return LunarLanderScene(skyPolygons: [], helipadX1: helipad.x1, helipadX2: helipad.x2, helipadY: Lander.helipadY, bodies: [])
        }
        let heights = world.terrain.heights
        let sky = (0..<(Lander.chunks - 1)).map { i -> [Point] in
            let (x1, x2) = (LanderTerrain.chunkX(i), LanderTerrain.chunkX(i + 1))
            return [Point(x1, heights[i]), Point(x2, heights[i + 1]), Point(x2, Lander.height), Point(x1, Lander.height)]
        }
        let hull = Lander.polygon.map { Point($0.0 / Lander.scale, $0.1 / Lander.scale) }
        let (w, h) = (Lander.legWidth / Lander.scale, Lander.legHeight / Lander.scale)
        let box = [Point(-w, -h), Point(w, -h), Point(w, h), Point(-w, h)]
        let bodies = [(world.lander, hull), (world.legs.0, box), (world.legs.1, box)].map { body, shape in
            LunarLanderScene.Body(vertices: Self.place(shape, cb2_body_state(body)),
                                  fill: LunarLanderScene.bodyFill, outline: LunarLanderScene.bodyOutline)
        }
        let particles = (exhaust?.particles ?? []).map {
            LunarLanderScene.Particle(position: Point($0.x, $0.y), timeToLive: $0.timeToLive)
        }
        return LunarLanderScene(skyPolygons: sky, helipadX1: helipad.x1, helipadX2: helipad.x2, helipadY: Lander.helipadY,
                                bodies: bodies, particles: particles)
    }

    /// Body-local vertices moved to the body's pose.
    static func place(_ vertices: [Point], _ state: CB2BodyState) -> [Point] {
        let (c, s) = (cos(Double(state.angle)), sin(Double(state.angle)))
        let (x, y) = (Double(state.position.x), Double(state.position.y))
        return vertices.map { Point(x + c * $0.x - s * $0.y, y + s * $0.x + c * $0.y) }
    }
}
