import Environments
import Foundation

/// One reference frame compared with ours: the share of pixels that agree and the bar it must meet.
public struct FrameAgreement: Sendable, Equatable {
    public var env: String
    /// The reference picture's file name.
    public var frame: String
    /// Share of pixels within the tolerance in every channel, in [0, 1].
    public var agreement: Double
    /// The share required: 0.98 for classic control, 0.97 for the Box2D tasks, 0.99 (within 8) for MuJoCo's.
    public var bar: Double

    public var passes: Bool { agreement >= bar }

    public init(env: String, frame: String, agreement: Double, bar: Double) {
        self.env = env
        self.frame = frame
        self.agreement = agreement
        self.bar = bar
    }

    /// `CartPole-v1-0.ppm  CartPole-v1  99.71 %  (bar 98 %)  ok`.
    public var line: String {
        let padded = frame.padding(toLength: max(frame.count, 36), withPad: " ", startingAt: 0)
        return "\(padded) \(env.padding(toLength: max(env.count, 26), withPad: " ", startingAt: 0)) "
            + String(format: "%6.2f %%  (bar %.0f %%)  ", 100 * agreement, 100 * bar) + (passes ? "ok" : "BELOW THE BAR")
    }
}

/// gymnasium's reference frames (`shared/fixtures/render`): the states they were drawn from, and
/// the comparison of our pictures of those states with them.
///
/// An index lists frames either by internal state (classic control: `env`, `state`, `frame`,
/// `width`, `height`, Pendulum's `last_u`) or by scene geometry in world units (LunarLander:
/// `sky_polys_world`, `helipad`, `bodies`; BipedalWalker: `walker`); frame files are binary PPMs
/// beside the index.
public enum ReferenceFrames {
    /// The tolerance per channel of the agreement measure.
    public static let tolerance = 48

    struct Index: Decodable {
        var frames: [Entry]
    }

    struct Entry: Decodable {
        var env: String
        var frame: String
        var width: Int
        var height: Int
        var state: [Double]?
        var last_u: Double?
        var scale: Double?
        var sky_polys_world: [[[Double]]]?
        var helipad: Helipad?
        var bodies: [Body]?
        var walker: WalkerScene?
    }

    /// A BipedalWalker scene: the course, the clouds (world units, before scrolling), the hull's and
    /// `legs[0...3]`'s `[x, y, angle]` and the lidar ray drawn (`[[x1, y1], [x2, y2]]` or null).
    struct WalkerScene: Decodable {
        var terrain_x: [Double]
        var terrain_y: [Double]
        var obstacles: [[[Double]]]
        var clouds: [[[Double]]]
        var hull: [Double]
        var legs: [[Double]]
        var lidar: [[Double]]?
    }

    struct Helipad: Decodable {
        var x1: Double
        var x2: Double
        var y: Double
    }

    struct Body: Decodable {
        var vertices_world: [[Double]]
        var color1: [Int]
        var color2: [Int]
    }

    /// Renders every frame listed in the index at `indexPath`, compares it with its reference and
    /// returns the results in order. With `saveTo`, writes ours and the reference side by side as
    /// `<frame>.png` into that folder, to look at.
    public static func check(index indexPath: String, saveTo folder: String? = nil) throws -> [FrameAgreement] {
        guard let data = FileManager.default.contents(atPath: indexPath) else {
            throw RenderingError.unreadableFile(indexPath, reason: "no readable file there")
        }
        let index: Index
        do {
            index = try JSONDecoder().decode(Index.self, from: data)
        } catch {
            throw RenderingError.malformedFile(indexPath, reason: "expected a render index with a \"frames\" list: \(error)")
        }
        guard !index.frames.isEmpty else { throw RenderingError.malformedFile(indexPath, reason: "the index lists no frames") }
        let base = URL(fileURLWithPath: indexPath).deletingLastPathComponent()
        var results: [FrameAgreement] = []
        var rasterizers: [String: Rasterizer] = [:]
        for entry in index.frames {
            let frame = try picture(of: entry, index: indexPath)
            let key = "\(frame.width)x\(frame.height)"
            let rasterizer = try rasterizers[key] ?? Rasterizer(width: frame.width, height: frame.height)
            rasterizers[key] = rasterizer
            let ours = try rasterizer.render(frame)
            let referencePath = base.appendingPathComponent(entry.frame).path
            let reference = try Raster(ppm: referencePath)
            let agreement = try ours.agreement(with: reference, tolerance: tolerance)
            let isBox2D = entry.sky_polys_world != nil || entry.walker != nil
            results.append(FrameAgreement(env: entry.env, frame: entry.frame, agreement: agreement, bar: isBox2D ? 0.97 : 0.98))
            if let folder {
                let name = (entry.frame as NSString).deletingPathExtension + ".png"
                try sideBySide(ours, reference).writePNG(to: URL(fileURLWithPath: folder).appendingPathComponent(name).path)
            }
        }
        return results
    }

    /// Our picture of an index entry.
    static func picture(of entry: Entry, index: String) throws(RenderingError) -> Frame {
        func bad(_ reason: String) -> RenderingError { .malformedFile(index, reason: "frame \(entry.frame): \(reason)") }
        let frame: Frame
        if let walker = entry.walker {
            frame = try walkerScene(walker, bad: bad).frame()
        } else if let sky = entry.sky_polys_world {
            guard let helipad = entry.helipad, let bodies = entry.bodies else {
                throw bad("a LunarLander scene needs sky_polys_world, helipad and bodies")
            }
            guard entry.scale == nil || entry.scale == 30 else { throw bad("scale \(entry.scale!); expected 30 pixels per metre") }
            func point(_ v: [Double]) throws(RenderingError) -> Point {
                guard v.count == 2 else { throw bad("a vertex has \(v.count) coordinates; expected 2") }
                return Point(v[0], v[1])
            }
            func color(_ c: [Int]) throws(RenderingError) -> Color {
                guard c.count == 3, c.allSatisfy({ (0...255).contains($0) }) else { throw bad("colour \(c); expected 3 values in 0...255") }
                return Color(UInt8(c[0]), UInt8(c[1]), UInt8(c[2]))
            }
            var skyPolygons: [[Point]] = []
            for polygon in sky { skyPolygons.append(try polygon.map(point)) }
            var sceneBodies: [LunarLanderScene.Body] = []
            for body in bodies {
                sceneBodies.append(LunarLanderScene.Body(vertices: try body.vertices_world.map(point),
                                                         fill: try color(body.color1), outline: try color(body.color2)))
            }
            frame = LunarLanderScene(skyPolygons: skyPolygons, helipadX1: helipad.x1, helipadX2: helipad.x2,
                                     helipadY: helipad.y, bodies: sceneBodies).frame()
        } else {
            guard let state = entry.state else { throw bad("expected a state (classic control) or a scene (LunarLander, BipedalWalker)") }
            func need(_ n: Int, _ layout: String) throws(RenderingError) {
                guard state.count == n, state.allSatisfy(\.isFinite) else {
                    throw bad("\(entry.env) state has \(state.count) values; expected \(n) finite: \(layout)")
                }
            }
            switch entry.env {
            case "CartPole-v1":
                try need(4, "[x, x_dot, theta, theta_dot]")
                frame = CartPole.frame(x: state[0], theta: state[2])
            case "Acrobot-v1":
                try need(4, "[theta1, theta2, dtheta1, dtheta2]")
                frame = Acrobot.frame(theta1: state[0], theta2: state[1])
            case "MountainCar-v0":
                try need(2, "[position, velocity]")
                frame = MountainCarPicture.frame(position: state[0], goalPosition: 0.5)
            case "MountainCarContinuous-v0":
                try need(2, "[position, velocity]")
                frame = MountainCarPicture.frame(position: state[0], goalPosition: 0.45)
            case "Pendulum-v1":
                try need(2, "[theta, theta_dot]")
                frame = Pendulum.frame(theta: state[0], lastTorque: entry.last_u)
            default:
                throw bad("unknown environment \"\(entry.env)\"; expected CartPole-v1, Acrobot-v1, MountainCar-v0, "
                          + "MountainCarContinuous-v0, Pendulum-v1, a LunarLander or a BipedalWalker scene")
            }
        }
        guard frame.width == entry.width, frame.height == entry.height else {
            throw bad("the reference is \(entry.width)×\(entry.height), our picture of \(entry.env) is \(frame.width)×\(frame.height)")
        }
        return frame
    }

    /// The BipedalWalker scene of an index entry, every list checked for its shape.
    static func walkerScene(_ w: WalkerScene, bad: (String) -> RenderingError) throws(RenderingError) -> BipedalWalkerScene {
        func point(_ v: [Double]) throws(RenderingError) -> Point {
            guard v.count == 2, v.allSatisfy(\.isFinite) else { throw bad("a point has \(v); expected 2 finite coordinates") }
            return Point(v[0], v[1])
        }
        func pose(_ v: [Double]) throws(RenderingError) -> BipedalWalkerScene.Pose {
            guard v.count == 3, v.allSatisfy(\.isFinite) else { throw bad("a pose has \(v); expected 3 finite values [x, y, angle]") }
            return .init(x: v[0], y: v[1], angle: v[2])
        }
        func polygons(_ list: [[[Double]]], _ name: String) throws(RenderingError) -> [[Point]] {
            var result: [[Point]] = []
            for polygon in list {
                guard polygon.count >= 3 else { throw bad("a polygon of \(name) has \(polygon.count) points; expected at least 3") }
                result.append(try polygon.map(point))
            }
            return result
        }
        guard w.terrain_x.count == w.terrain_y.count, w.terrain_x.count >= 2,
              (w.terrain_x + w.terrain_y).allSatisfy(\.isFinite) else {
            throw bad("terrain_x and terrain_y have \(w.terrain_x.count) and \(w.terrain_y.count) values; expected as many, at least 2, finite")
        }
        guard w.legs.count == 4 else { throw bad("legs has \(w.legs.count) poses; expected 4") }
        var lidar: (from: Point, to: Point)?
        if let ray = w.lidar {
            guard ray.count == 2 else { throw bad("lidar has \(ray.count) points; expected 2 or null") }
            lidar = (try point(ray[0]), try point(ray[1]))
        }
        return BipedalWalkerScene(terrainX: w.terrain_x, terrainY: w.terrain_y, obstacles: try polygons(w.obstacles, "obstacles"),
                                  clouds: try polygons(w.clouds, "clouds"), hull: try pose(w.hull),
                                  legs: try w.legs.map(pose), lidar: lidar)
    }

    /// Two pictures of one size next to each other, a grey bar between them.
    public static func sideBySide(_ left: Raster, _ right: Raster) -> Raster {
        let gap = 8
        var joined = Raster(width: left.width * 2 + gap, height: left.height, color: Color(128, 128, 128))
        for y in 0..<left.height {
            for x in 0..<left.width {
                joined.pixels[y * joined.width + x] = left.pixels[y * left.width + x]
                joined.pixels[y * joined.width + left.width + gap + x] = right.pixels[y * right.width + x]
            }
        }
        return joined
    }
}
