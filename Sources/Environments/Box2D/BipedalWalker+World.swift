import CBox2D
import Foundation

/// One leg of the walker: thigh and shin bodies with their hip and knee joints.
struct WalkerLeg {
    let upper: OpaquePointer
    let lower: OpaquePointer
    let hip: OpaquePointer
    let knee: OpaquePointer
}

/// One Box2D world holding the terrain, the hull and the two legs; destroyed with this object.
///
/// A class because the world is a resource behind a pointer. Not `Sendable`: the world may be
/// used from one thread at a time only, and the environment copies it before mutating a shared one.
final class WalkerWorld {
    let world: OpaquePointer
    let hull: OpaquePointer
    /// gymnasium's side −1 (`legs[0]`, `legs[1]`, joints 0 and 1) and side +1 (`legs[2]`, `legs[3]`, joints 2 and 3).
    let legs: (WalkerLeg, WalkerLeg)
    let terrain: WalkerTerrain

    /// Terrain (obstacles first, then the ground's edges), hull, and per side thigh, hip joint,
    /// shin, knee joint, in gymnasium's creation order. `bodies` gives the hull's and the four leg
    /// bodies' states (`legs[0]` to `legs[3]`); `nil` builds gymnasium's standing start.
    init(terrain: WalkerTerrain, bodies: [CB2BodyState]? = nil) {
        self.terrain = terrain
        let world: OpaquePointer = cb2_world_create(0, -10)
        self.world = world

        let ground = cb2_world_create_static_body(world, CB2Vec2(x: 0, y: 0))!
        let soil = CB2Material(density: 0, friction: Float(Walker.friction), restitution: 0, categoryBits: 0x0001, maskBits: 0xFFFF)
        for quad in terrain.obstacles {
            let vertices = quad.map { CB2Vec2(x: Float($0.0), y: Float($0.1)) }
            cb2_body_add_polygon(ground, vertices, Int32(vertices.count), soil)
        }
        for i in 0..<(terrain.x.count - 1) {
            cb2_body_add_edge(ground, CB2Vec2(x: Float(terrain.x[i]), y: Float(terrain.y[i])),
                              CB2Vec2(x: Float(terrain.x[i + 1]), y: Float(terrain.y[i + 1])), soil)
        }

        let states = bodies ?? WalkerWorld.standingBodies()
        func makeBody(_ state: CB2BodyState, _ add: (OpaquePointer) -> Void) -> OpaquePointer {
            let body = cb2_world_create_dynamic_body(world, state.position, state.angle)!
            add(body)
            if state.linearVelocity.x != 0 || state.linearVelocity.y != 0 || state.angularVelocity != 0 {
                cb2_body_set_state(body, state.position, state.angle, state.linearVelocity, state.angularVelocity)
            }
            return body
        }
        let hullMaterial = CB2Material(density: 5, friction: 0.1, restitution: 0, categoryBits: 0x0020, maskBits: 0x0001)
        let hull = makeBody(states[0]) { body in
            let vertices = Walker.hullPolygon.map { CB2Vec2(x: Float($0.0 / Walker.scale), y: Float($0.1 / Walker.scale)) }
            cb2_body_add_polygon(body, vertices, Int32(vertices.count), hullMaterial)
        }
        self.hull = hull
        cb2_body_track_contacts(hull, Walker.hullSlot)

        let legMaterial = CB2Material(density: 1, friction: 0.2, restitution: 0, categoryBits: 0x0020, maskBits: 0x0001)
        let halfLeg = Float(Walker.legHeight / 2)
        func makeLeg(upperState: CB2BodyState, lowerState: CB2BodyState, side: Float, slot: Int32) -> WalkerLeg {
            let upper = makeBody(upperState) { cb2_body_add_box($0, Float(Walker.legWidth / 2), halfLeg, legMaterial) }
            // pybox2d's joint definition sets the reference angle to the bodies' angle difference at
            // creation: the thigh's tilt of ±0.05 for the hip, 0 for the knee.
            let hip = cb2_world_create_revolute_joint(
                world, hull, upper, CB2Vec2(x: 0, y: Float(Walker.legDown)), CB2Vec2(x: 0, y: halfLeg), 0.05 * side,
                -0.8, 1.1, side, Float(Walker.motorsTorque))!
            let lower = makeBody(lowerState) { cb2_body_add_box($0, Float(0.8 * Walker.legWidth / 2), halfLeg, legMaterial) }
            let knee = cb2_world_create_revolute_joint(
                world, upper, lower, CB2Vec2(x: 0, y: -halfLeg), CB2Vec2(x: 0, y: halfLeg), 0,
                -1.6, -0.1, 1, Float(Walker.motorsTorque))!
            cb2_body_track_contacts(lower, slot)
            return WalkerLeg(upper: upper, lower: lower, hip: hip, knee: knee)
        }
        legs = (makeLeg(upperState: states[1], lowerState: states[2], side: -1, slot: Walker.lowerLegSlots.0),
                makeLeg(upperState: states[3], lowerState: states[4], side: +1, slot: Walker.lowerLegSlots.1))
    }

    deinit { cb2_world_destroy(world) }

    /// A world that continues this one: same terrain, bodies and contact records (Box2D's
    /// contact cache, joint impulses and sleep timers start afresh).
    func copy() -> WalkerWorld {
        let bodies = [hull, legs.0.upper, legs.0.lower, legs.1.upper, legs.1.lower].map { cb2_body_state($0) }
        let copy = WalkerWorld(terrain: terrain, bodies: bodies)
        for slot in [Walker.hullSlot, Walker.lowerLegSlots.0, Walker.lowerLegSlots.1] {
            cb2_world_set_contact_records(copy.world, slot, cb2_world_contact_began(world, slot),
                                          cb2_world_contact_flag(world, slot))
        }
        return copy
    }

    /// gymnasium's start: the hull level at `x` (gymnasium: step·startpad/2), two legs' height above
    /// the terrain's base height, each leg hanging straight down, tilted by ±0.05 rad, all at rest.
    static func standingBodies(x: Double = Walker.startX) -> [CB2BodyState] {
        let y = Walker.terrainHeight + 2 * Walker.legHeight
        func body(_ y: Double, _ angle: Double) -> CB2BodyState {
            CB2BodyState(position: CB2Vec2(x: Float(x), y: Float(y)), angle: Float(angle),
                         linearVelocity: CB2Vec2(x: 0, y: 0), angularVelocity: 0, awake: true)
        }
        let upperY = y - Walker.legHeight / 2 - Walker.legDown, lowerY = y - Walker.legHeight * 3 / 2 - Walker.legDown
        return [body(y, 0), body(upperY, -0.05), body(lowerY, -0.05), body(upperY, 0.05), body(lowerY, 0.05)]
    }

    /// Drives the four motors as gymnasium does without speed control: full speed in the sign of
    /// each action component, torque 80·min(|a|, 1) (`a` holds 4 finite values).
    @inline(__always)
    func drive(_ a: UnsafeBufferPointer<Float>) {
        func motor(_ joint: OpaquePointer, _ value: Float, _ speed: Double) {
            let sign: Float = value > 0 ? 1 : value < 0 ? -1 : 0
            cb2_joint_set_motor(joint, sign * Float(speed), Float(Walker.motorsTorque * Double(min(abs(value), 1))))
        }
        motor(legs.0.hip, a[0], Walker.speedHip)
        motor(legs.0.knee, a[1], Walker.speedKnee)
        motor(legs.1.hip, a[2], Walker.speedHip)
        motor(legs.1.knee, a[3], Walker.speedKnee)
    }

    /// Fraction of lidar ray `i` (0 ..< 10) from the hull's origin before it meets the ground or an
    /// obstacle, 1 when it meets nothing within range. Ray i points 1.5·i/10 rad forward of straight down.
    @inline(__always)
    func lidar(_ i: Int, from origin: CB2Vec2) -> Float {
        let angle = 1.5 * Double(i) / 10
        let end = CB2Vec2(x: Float(Double(origin.x) + sin(angle) * Walker.lidarRange),
                          y: Float(Double(origin.y) - cos(angle) * Walker.lidarRange))
        return cb2_world_ray_cast(world, origin, end, 0x0001)
    }
}
