import SeededRandom

/// gymnasium's BipedalWalker constants (pixels are divided by `scale` into Box2D metres).
enum Walker {
    static let fps = 50.0
    static let scale = 30.0
    static let motorsTorque = 80.0
    static let speedHip = 4.0
    static let speedKnee = 6.0
    static let lidarRange = 160 / scale
    static let lidarRays = 10
    static let initialRandom = 5.0
    static let hullPolygon: [(Double, Double)] = [(-30, 9), (6, 9), (34, 1), (34, -8), (-30, -8)]
    static let legDown = -8 / scale
    static let legWidth = 8 / scale
    static let legHeight = 34 / scale
    static let viewportWidth = 600.0
    static let viewportHeight = 400.0
    static let terrainStep = 14 / scale
    /// Terrain points along x.
    static let terrainLength = 200
    static let terrainHeight = viewportHeight / scale / 4
    /// Grass sections last `terrainGrass / 2 ..< terrainGrass` points.
    static let terrainGrass = 10
    /// Flat points before the first random section; the walker starts over its middle.
    static let terrainStartpad = 20
    static let friction = 2.5
    /// The hull's x at the start, over the middle of the start pad.
    static let startX = terrainStep * Double(terrainStartpad) / 2
    /// The hull's x beyond which the walker has finished the course.
    static let finishX = Double(terrainLength - terrainGrass) * terrainStep

    /// Contact slots of the hull and the two lower legs (gymnasium's `legs[1]` and `legs[3]`).
    static let hullSlot: Int32 = 0
    static let lowerLegSlots: (Int32, Int32) = (1, 2)
}

/// The course of one episode: gymnasium's terrain generator (`_generate_terrain`), grass only or,
/// in hardcore, grass alternating with stumps, stairs, pits and flat stretches.
///
/// The ground is the polyline through (`x[i]`, `y[i]`); obstacles are convex quadrilaterals
/// (stumps, stair steps, pit walls) in the order gymnasium creates them.
struct WalkerTerrain: Equatable {
    var x: [Double] = []
    var y: [Double] = []
    var obstacles: [[(Double, Double)]] = []

    /// The kind of section the generator is in; `flat` is gymnasium's `_STATES_` value, which its
    /// hardcore draw `integers(1, 5)` can pick: a stretch whose height does not change.
    enum Section: Int {
        case grass, stump, stairs, pit, flat
    }

    /// The terrain from explicit points and obstacles.
    init(x: [Double], y: [Double], obstacles: [[(Double, Double)]] = []) {
        (self.x, self.y, self.obstacles) = (x, y, obstacles)
    }

    /// Level ground at gymnasium's terrain height, as its generator draws when every random draw is 0.
    static var flat: WalkerTerrain {
        let x = (0..<Walker.terrainLength).map { Double($0) * Walker.terrainStep }
        return WalkerTerrain(x: x, y: [Double](repeating: Walker.terrainHeight, count: x.count))
    }

    init(hardcore: Bool, generator: inout Xoshiro256) {
        let step = Walker.terrainStep
        var section = Section.grass
        var velocity = 0.0
        var height = Walker.terrainHeight
        var counter = Walker.terrainStartpad
        var oneshot = false
        var stairSteps = 0, stairWidth = 0, stairHeight = 0
        var originalHeight = 0.0
        x.reserveCapacity(Walker.terrainLength)
        y.reserveCapacity(Walker.terrainLength)

        for i in 0..<Walker.terrainLength {
            let left = Double(i) * step
            x.append(left)
            switch (section, oneshot) {
            case (.grass, false):
                let toward = Walker.terrainHeight - height
                velocity = 0.8 * velocity + 0.01 * (toward > 0 ? 1 : toward < 0 ? -1 : 0)
                if i > Walker.terrainStartpad { velocity += generator.uniform(-1, 1) / Walker.scale }
                height += velocity
            case (.pit, true):
                counter = 3 + generator.nextInt(below: 2)
                let wall = [(left, height), (left + step, height), (left + step, height - 4 * step), (left, height - 4 * step)]
                obstacles.append(wall)
                obstacles.append(wall.map { ($0.0 + step * Double(counter), $0.1) })
                counter += 2
                originalHeight = height
            case (.pit, false):
                height = originalHeight
                if counter > 1 { height -= 4 * step }
            case (.stump, true):
                counter = 1 + generator.nextInt(below: 2)
                let size = Double(counter) * step
                obstacles.append([(left, height), (left + size, height), (left + size, height + size), (left, height + size)])
            case (.stairs, true):
                stairHeight = generator.nextDouble() > 0.5 ? 1 : -1
                stairWidth = 4
                stairSteps = 3 + generator.nextInt(below: 2)
                originalHeight = height
                for s in 0..<stairSteps {
                    let x0 = left + Double(s * stairWidth) * step, x1 = left + Double((1 + s) * stairWidth) * step
                    let top = height + Double(s * stairHeight) * step, bottom = height + Double(-1 + s * stairHeight) * step
                    obstacles.append([(x0, top), (x1, top), (x1, bottom), (x0, bottom)])
                }
                counter = stairSteps * stairWidth
            case (.stairs, false):
                let s = Double(stairSteps * stairWidth - counter - stairHeight)
                height = originalHeight + s / Double(stairWidth) * Double(stairHeight) * step
            default:
                break
            }
            oneshot = false
            y.append(height)
            counter -= 1
            if counter == 0 {
                counter = Walker.terrainGrass / 2 + generator.nextInt(below: Walker.terrainGrass - Walker.terrainGrass / 2)
                if section == .grass && hardcore {
                    section = Section(rawValue: 1 + generator.nextInt(below: 4))!
                } else {
                    section = .grass
                }
                oneshot = true
            }
        }
    }

    static func == (a: WalkerTerrain, b: WalkerTerrain) -> Bool {
        a.x == b.x && a.y == b.y && a.obstacles.count == b.obstacles.count
            && zip(a.obstacles, b.obstacles).allSatisfy { p, q in p.count == q.count && zip(p, q).allSatisfy { $0 == $1 } }
    }
}
