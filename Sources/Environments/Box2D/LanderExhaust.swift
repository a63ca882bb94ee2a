import Foundation

/// gymnasium's engine exhaust particles, which only its pictures show.
///
/// gymnasium makes them Box2D bodies (discs of 2 pixels that collide with the ground only) when a
/// render mode is set. Here they move beside the Box2D world, so they cannot change the lander's
/// dynamics: launched by the engine's impulse, pulled by gravity, bouncing off the terrain with
/// restitution 0.3 and friction 0.1, their time to live falling by 0.15 a step (gymnasium lowers
/// it at each render, which recorders call every step) until it drops below zero.
struct LanderExhaust {
    struct Particle {
        var x, y, vx, vy, timeToLive: Double
    }

    /// At most ⌈1 / 0.15⌉ steps of life and two particles a step: the array never grows past this.
    static let capacity = 16
    static let radius = 2 / Lander.scale
    static let restitution = 0.3
    static let friction = 0.1
    /// Box2D's speed below which contacts do not bounce.
    static let bounceThreshold = 1.0

    private(set) var particles: [Particle] = []

    init() { particles.reserveCapacity(Self.capacity) }

    mutating func removeAll() { particles.removeAll(keepingCapacity: true) }

    /// A particle at `(x, y)` of gymnasium's `density` that receives `impulse`.
    mutating func emit(x: Double, y: Double, impulse: (Double, Double), density: Double, timeToLive: Double) {
        let mass = density * Double.pi * Self.radius * Self.radius
        if particles.count == Self.capacity { particles.removeFirst() }
        particles.append(Particle(x: x, y: y, vx: impulse.0 / mass, vy: impulse.1 / mass, timeToLive: timeToLive))
    }

    /// One world step of `dt` seconds: gravity, motion and ground contact, then ageing.
    mutating func advance(terrain: LanderTerrain, gravity: Double, dt: Double) {
        for i in particles.indices {
            var p = particles[i]
            p.vy += gravity * dt
            p.x += p.vx * dt
            p.y += p.vy * dt
            Self.collide(&p, terrain: terrain)
            p.timeToLive -= 0.15
            particles[i] = p
        }
        particles.removeAll { $0.timeToLive < 0 }
    }

    /// Pushes a particle out of the ground (the terrain's segments, or the world's floor) and
    /// bounces its velocity off the surface.
    private static func collide(_ p: inout Particle, terrain: LanderTerrain) {
        var normal = (0.0, 1.0), distance = p.y
        if p.x >= 0, p.x <= Lander.width {
            let chunkWidth = LanderTerrain.chunkX(1)
            let i = min(Int(p.x / chunkWidth), Lander.chunks - 2)
            let (ax, ay) = (LanderTerrain.chunkX(i), terrain.heights[i])
            let (dx, dy) = (chunkWidth, terrain.heights[i + 1] - ay)
            let length = (dx * dx + dy * dy).squareRoot()
            let surfaceNormal = (-dy / length, dx / length)
            let surfaceDistance = (p.x - ax) * surfaceNormal.0 + (p.y - ay) * surfaceNormal.1
            if surfaceDistance < distance { (normal, distance) = (surfaceNormal, surfaceDistance) }
        }
        guard distance < radius else { return }
        p.x += (radius - distance) * normal.0
        p.y += (radius - distance) * normal.1
        let normalSpeed = p.vx * normal.0 + p.vy * normal.1
        guard normalSpeed < 0 else { return }
        var tangent = (p.vx - normalSpeed * normal.0, p.vy - normalSpeed * normal.1)
        let bounce = -normalSpeed > bounceThreshold ? -restitution * normalSpeed : 0
        let tangentSpeed = (tangent.0 * tangent.0 + tangent.1 * tangent.1).squareRoot()
        if tangentSpeed > 0 {
            let slowed = max(0, tangentSpeed - friction * (bounce - normalSpeed))
            tangent = (tangent.0 * slowed / tangentSpeed, tangent.1 * slowed / tangentSpeed)
        }
        p.vx = tangent.0 + bounce * normal.0
        p.vy = tangent.1 + bounce * normal.1
    }
}

extension LanderTerrain {
    /// A terrain with the given heights at the chunk boundaries.
    init(heights: [Double]) {
        precondition(heights.count == Lander.chunks, "a terrain has \(Lander.chunks) heights, got \(heights.count)")
        self.heights = heights
    }
}
