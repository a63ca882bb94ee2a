import Foundation

/// What gymnasium's LunarLander picture shows, in Box2D world units (metres, y up): the sky
/// above the terrain, the helipad's flags, the lander's and legs' polygons and the exhaust
/// particles. `frame()` draws it as gymnasium's `render()` does, 30 pixels per metre.
public struct LunarLanderScene: Sendable, Equatable {
    /// A filled polygon with an outline, e.g. the lander's hull or a leg.
    public struct Body: Sendable, Equatable {
        public var vertices: [Point]
        public var fill: Color
        public var outline: Color

        public init(vertices: [Point], fill: Color, outline: Color) {
            self.vertices = vertices
            self.fill = fill
            self.outline = outline
        }
    }

    /// An exhaust particle: a disc 2 pixels in radius whose colour fades with its time to live.
    public struct Particle: Sendable, Equatable {
        public var position: Point
        public var timeToLive: Double

        public init(position: Point, timeToLive: Double) {
            self.position = position
            self.timeToLive = timeToLive
        }

        /// gymnasium's colour for the time to live: red fading to dark grey.
        public var color: Color {
            func channel(_ v: Double) -> UInt8 { UInt8(Int(max(0.2, v) * 255)) }
            return Color(channel(0.15 + timeToLive), channel(0.5 * timeToLive), channel(0.5 * timeToLive))
        }
    }

    /// The polygons filled black above the terrain (the rest is the white moon).
    public var skyPolygons: [[Point]]
    /// The flag poles' x and the pad's height.
    public var helipadX1: Double
    public var helipadX2: Double
    public var helipadY: Double
    /// Drawn in order after the particles.
    public var bodies: [Body]
    public var particles: [Particle]

    public init(skyPolygons: [[Point]], helipadX1: Double, helipadX2: Double, helipadY: Double,
                bodies: [Body], particles: [Particle] = []) {
        self.skyPolygons = skyPolygons
        self.helipadX1 = helipadX1
        self.helipadX2 = helipadX2
        self.helipadY = helipadY
        self.bodies = bodies
        self.particles = particles
    }

    /// The lander's and legs' colours.
    public static let bodyFill = Color(128, 102, 230)
    public static let bodyOutline = Color(77, 77, 128)

    /// gymnasium's 600×400 picture of the scene.
    public func frame() -> Frame {
        let scale = Lander.scale
        var canvas = PygameCanvas(width: Int(Lander.viewportWidth), height: Int(Lander.viewportHeight))
        func surface(_ p: Point) -> (Double, Double) { (p.x * scale, p.y * scale) }
        for polygon in skyPolygons {
            canvas.polygon(polygon.map(surface), fill: .black, outline: .black)
        }
        for particle in particles {
            canvas.disc(surface(particle.position), radius: 2, particle.color)
        }
        for body in bodies {
            let path = body.vertices.map(surface)
            canvas.polygon(path, fill: body.fill, outline: body.fill)
            canvas.aalines(path, body.outline, closed: true)
        }
        for x in [helipadX1, helipadX2] {
            let flagX = x * scale
            let flagY1 = helipadY * scale, flagY2 = flagY1 + 50
            canvas.line((flagX, flagY1), (flagX, flagY2), .white)
            canvas.polygon([(flagX, flagY2), (flagX, flagY2 - 10), (flagX + 25, flagY2 - 5)],
                           fill: Color(204, 204, 0), outline: Color(204, 204, 0))
        }
        return canvas.frame()
    }
}
