import Foundation
import SeededRandom
import CBox2D

/// gymnasium's LunarLander constants (pixels are divided by `scale` into Box2D metres).
enum Lander {
    static let fps = 50.0
    static let scale = 30.0
    static let mainEnginePower = 13.0
    static let sideEnginePower = 0.6
    static let initialRandom = 1000.0
    static let polygon: [(Double, Double)] = [(-14, 17), (-17, 0), (-17, -10), (17, -10), (17, 0), (14, 17)]
    static let legAway = 20.0
    static let legDown = 18.0
    static let legWidth = 2.0
    static let legHeight = 8.0
    static let legSpringTorque = 40.0
    static let sideEngineHeight = 14.0
    static let sideEngineAway = 12.0
    static let viewportWidth = 600.0
    static let viewportHeight = 400.0
    static let chunks = 11

    /// World width and height in metres.
    static let width = viewportWidth / scale
    static let height = viewportHeight / scale
    /// The helipad's height; it spans chunks 4 to 6.
    static let helipadY = height / 4

    /// Contact slots of the lander body and the two legs (left is gymnasium's `legs[0]`, side −1).
    static let landerSlot: Int32 = 0
    static let legSlots: (Int32, Int32) = (1, 2)

    /// Joint limits (lower, upper) of the leg on side −1 and +1, as gymnasium sets them.
    static func legLimits(side: Double) -> (Double, Double) {
        side < 0 ? (0.9 - 0.5, 0.9) : (-0.9, -0.9 + 0.5)
    }
}

/// The terrain of one episode: gymnasium's smoothed heights at the chunk boundaries.
struct LanderTerrain: Equatable {
    var heights: [Double]

    /// Draws `chunks + 1` heights uniform in [0, H/2), flattens the helipad and averages each
    /// point with its neighbours (index −1 wraps to the last height, as Python's does).
    init(generator: inout Xoshiro256) {
        let n = Lander.chunks
        var raw = (0...n).map { _ in generator.uniform(0, Lander.height / 2) }
        for i in (n / 2 - 2)...(n / 2 + 2) { raw[i] = Lander.helipadY }
        heights = (0..<n).map { i in 0.33 * (raw[(i - 1 + raw.count) % raw.count] + raw[i] + raw[i + 1]) }
    }

    /// The x coordinate of chunk boundary `i`.
    static func chunkX(_ i: Int) -> Double { Lander.width / Double(Lander.chunks - 1) * Double(i) }
}

/// One Box2D world holding the moon, the lander and its legs; destroyed with this object.
///
/// A class because the world is a resource behind a pointer. Not `Sendable`: the world may be
/// used from one thread at a time only, and the environment copies it before mutating a shared one.
final class LanderWorld {
    let world: OpaquePointer
    let lander: OpaquePointer
    let legs: (OpaquePointer, OpaquePointer)
    let terrain: LanderTerrain
    let gravity: Double

    /// Builds the world around `terrain` with the bodies in the given states, in gymnasium's
    /// creation order (moon, lander, legs with their joints). Velocities are those of the centres
    /// of mass; with `legsMoveWithLander` the legs' velocities are the lander's at their positions.
    init(gravity: Double, terrain: LanderTerrain, lander landerState: CB2BodyState, legs legStates: (CB2BodyState, CB2BodyState),
         legsMoveWithLander: Bool = false) {
        self.gravity = gravity
        self.terrain = terrain
        let world: OpaquePointer = cb2_world_create(0, Float(gravity))
        self.world = world

        let moon = cb2_world_create_static_body(world, CB2Vec2(x: 0, y: 0))!
        let ground = CB2Material(density: 0, friction: 0.2, restitution: 0, categoryBits: 0x0001, maskBits: 0xFFFF)
        cb2_body_add_edge(moon, CB2Vec2(x: 0, y: 0), CB2Vec2(x: Float(Lander.width), y: 0), ground)
        var surface = ground
        surface.friction = 0.1
        for i in 0..<(Lander.chunks - 1) {
            let p1 = CB2Vec2(x: Float(LanderTerrain.chunkX(i)), y: Float(terrain.heights[i]))
            let p2 = CB2Vec2(x: Float(LanderTerrain.chunkX(i + 1)), y: Float(terrain.heights[i + 1]))
            cb2_body_add_edge(moon, p1, p2, surface)
        }

        let lander = cb2_world_create_dynamic_body(world, landerState.position, landerState.angle)!
        self.lander = lander
        let vertices = Lander.polygon.map { CB2Vec2(x: Float($0.0 / Lander.scale), y: Float($0.1 / Lander.scale)) }
        let hull = CB2Material(density: 5, friction: 0.1, restitution: 0, categoryBits: 0x0010, maskBits: 0x0001)
        cb2_body_add_polygon(lander, vertices, Int32(vertices.count), hull)
        LanderWorld.setVelocities(lander, landerState)
        cb2_body_track_contacts(lander, Lander.landerSlot)

        let legMaterial = CB2Material(density: 1, friction: 0.2, restitution: 0, categoryBits: 0x0020, maskBits: 0x0001)
        func makeLeg(side: Double, state: CB2BodyState, slot: Int32) -> OpaquePointer {
            let leg = cb2_world_create_dynamic_body(world, state.position, state.angle)!
            cb2_body_add_box(leg, Float(Lander.legWidth / Lander.scale), Float(Lander.legHeight / Lander.scale), legMaterial)
            var state = state
            if legsMoveWithLander {
                state.linearVelocity = cb2_body_velocity_at(lander, state.position)
                state.angularVelocity = landerState.angularVelocity
            }
            LanderWorld.setVelocities(leg, state)
            cb2_body_track_contacts(leg, slot)
            let (lower, upper) = Lander.legLimits(side: side)
            cb2_world_create_revolute_joint(
                world, lander, leg,
                CB2Vec2(x: 0, y: 0),
                CB2Vec2(x: Float(side * Lander.legAway / Lander.scale), y: Float(Lander.legDown / Lander.scale)),
                Float(side * 0.05), Float(lower), Float(upper),
                Float(0.3 * side), Float(Lander.legSpringTorque))
            return leg
        }
        legs = (makeLeg(side: -1, state: legStates.0, slot: Lander.legSlots.0),
                makeLeg(side: +1, state: legStates.1, slot: Lander.legSlots.1))
    }

    /// A world that continues this one: same terrain, bodies and contact records (Box2D's
    /// contact cache and sleep timers start afresh).
    func copy() -> LanderWorld {
        let copy = LanderWorld(gravity: gravity, terrain: terrain, lander: cb2_body_state(lander),
                               legs: (cb2_body_state(legs.0), cb2_body_state(legs.1)))
        for slot in [Lander.landerSlot, Lander.legSlots.0, Lander.legSlots.1] {
            cb2_world_set_contact_records(copy.world, slot, cb2_world_contact_began(world, slot),
                                          cb2_world_contact_flag(world, slot))
        }
        return copy
    }

    deinit { cb2_world_destroy(world) }

    /// Sets a body's velocities once its fixtures (and so its centre of mass) exist; a body at
    /// rest is left untouched, as gymnasium creates it.
    private static func setVelocities(_ body: OpaquePointer, _ state: CB2BodyState) {
        if state.linearVelocity.x != 0 || state.linearVelocity.y != 0 || state.angularVelocity != 0 {
            cb2_body_set_state(body, state.position, state.angle, state.linearVelocity, state.angularVelocity)
        }
    }

    /// The lander at gymnasium's start (top centre, level, at rest) with its legs as created there.
    static func initialBodies() -> (lander: CB2BodyState, legs: (CB2BodyState, CB2BodyState)) {
        let x = Lander.width / 2, y = Lander.height
        func body(_ x: Double, _ angle: Double) -> CB2BodyState {
            CB2BodyState(position: CB2Vec2(x: Float(x), y: Float(y)), angle: Float(angle),
                         linearVelocity: CB2Vec2(x: 0, y: 0), angularVelocity: 0, awake: true)
        }
        return (body(x, 0), (body(x + Lander.legAway / Lander.scale, -0.05), body(x - Lander.legAway / Lander.scale, 0.05)))
    }

    /// The lander in `pose` (x, y, angle, vx, vy, ω) with both legs hanging at the joint limit
    /// their motors hold in flight; build with `legsMoveWithLander` to give the legs its motion.
    static func bodies(pose: [Double]) -> (lander: CB2BodyState, legs: (CB2BodyState, CB2BodyState)) {
        let (x, y, angle, vx, vy, omega) = (pose[0], pose[1], pose[2], pose[3], pose[4], pose[5])
        func leg(side: Double) -> CB2BodyState {
            let (lower, upper) = Lander.legLimits(side: side)
            let legAngle = angle + side * 0.05 + (side < 0 ? lower : upper)
            let ax = side * Lander.legAway / Lander.scale, ay = Lander.legDown / Lander.scale
            let (c, s) = (cos(legAngle), sin(legAngle))
            let rx = -(c * ax - s * ay), ry = -(s * ax + c * ay)
            return CB2BodyState(position: CB2Vec2(x: Float(x + rx), y: Float(y + ry)), angle: Float(legAngle),
                                linearVelocity: CB2Vec2(x: 0, y: 0), angularVelocity: 0, awake: true)
        }
        let lander = CB2BodyState(position: CB2Vec2(x: Float(x), y: Float(y)), angle: Float(angle),
                                  linearVelocity: CB2Vec2(x: Float(vx), y: Float(vy)), angularVelocity: Float(omega), awake: true)
        return (lander, (leg(side: -1), leg(side: +1)))
    }
}
