import Foundation

/// What gymnasium's BipedalWalker picture shows, in Box2D world units (metres, y up): the course
/// (ground points and obstacles), the clouds, the poses of the hull and the four leg parts and the
/// lidar ray drawn this frame. `frame()` draws it as gymnasium's `render()` does: 600×400 pixels,
/// 30 per metre, the view following the hull (its left edge 4 m behind the hull) and the clouds
/// scrolling at half its speed.
public struct BipedalWalkerScene: Sendable, Equatable {
    /// A body's position (metres) and angle (radians, counter-clockwise).
    public struct Pose: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var angle: Double

        public init(x: Double, y: Double, angle: Double) {
            self.x = x
            self.y = y
            self.angle = angle
        }

        /// Body-local points moved to this pose.
        func place(_ points: [(Double, Double)]) -> [(Double, Double)] {
            let (c, s) = (cos(angle), sin(angle))
            return points.map { (x + c * $0.0 - s * $0.1, y + s * $0.0 + c * $0.1) }
        }
    }

    /// The ground's points, left to right (equal counts).
    public var terrainX: [Double]
    public var terrainY: [Double]
    /// Stumps, stair steps and pit walls (hardcore), each a convex polygon, in creation order.
    public var obstacles: [[Point]]
    /// Each cloud's polygon in world units before the half-speed scrolling.
    public var clouds: [[Point]]
    public var hull: Pose
    /// gymnasium's `legs[0...3]`: thigh and shin of side −1, thigh and shin of side +1.
    public var legs: [Pose]
    /// The lidar ray gymnasium draws in this frame, from the hull to where it stopped; `nil` when
    /// its sweep draws none.
    public var lidar: (from: Point, to: Point)?

    public init(terrainX: [Double], terrainY: [Double], obstacles: [[Point]], clouds: [[Point]],
                hull: Pose, legs: [Pose], lidar: (from: Point, to: Point)?) {
        precondition(terrainX.count == terrainY.count, "the ground needs as many x as y values")
        precondition(legs.count == 4, "a walker has 4 leg parts, got \(legs.count)")
        self.terrainX = terrainX
        self.terrainY = terrainY
        self.obstacles = obstacles
        self.clouds = clouds
        self.hull = hull
        self.legs = legs
        self.lidar = lidar
    }

    public static func == (a: BipedalWalkerScene, b: BipedalWalkerScene) -> Bool {
        a.terrainX == b.terrainX && a.terrainY == b.terrainY && a.obstacles == b.obstacles && a.clouds == b.clouds
            && a.hull == b.hull && a.legs == b.legs && a.lidar?.from == b.lidar?.from && a.lidar?.to == b.lidar?.to
    }

    /// gymnasium's colours.
    public static let sky = Color(215, 215, 255)
    public static let cloud = Color.white
    public static let soil = Color(102, 153, 76)
    /// The ground's edges alternate between these two greens (even edges first).
    public static let grass = (Color(76, 255, 76), Color(76, 204, 76))
    public static let obstacleFill = Color.white
    public static let obstacleOutline = Color(153, 153, 153)
    public static let lidarColor = Color(255, 0, 0)
    public static let hullFill = Color(127, 51, 229)
    public static let hullOutline = Color(76, 76, 127)
    /// Fill and outline of the legs of side −1 and of side +1 (the far leg is the lighter one).
    public static let legFill = (Color(178, 101, 152), Color(128, 51, 102))
    public static let legOutline = (Color(127, 76, 101), Color(77, 26, 51))
    public static let flagFill = Color(230, 51, 0)

    /// gymnasium's scroll: the world x of the view's left edge, a fifth of the view behind the hull.
    public var scroll: Double { hull.x - Walker.viewportWidth / Walker.scale / 5 }

    /// The picture's leftmost column on gymnasium's surface, which grows with the scroll: the
    /// surface is 600 + 30·max(0, scroll) pixels wide (truncated) and the picture is its right end.
    public var leftColumn: Int { Int(max(0, scroll) * Walker.scale) }

    /// gymnasium's 600×400 picture of the scene.
    public func frame() -> Frame {
        let scale = Walker.scale, view = Walker.viewportWidth / scale
        var canvas = PygameCanvas(width: Int(Walker.viewportWidth), height: Int(Walker.viewportHeight), left: leftColumn)
        func surface(_ p: (Double, Double)) -> (Double, Double) { (p.0 * scale, p.1 * scale) }
        func surface(_ p: Point) -> (Double, Double) { (p.x * scale, p.y * scale) }

        let left = scroll * scale
        // pygame fills the column the sky's fractional left edge passes through: whole pixels here.
        let (skyLeft, skyRight) = (left.rounded(.down), left.rounded(.down) + Walker.viewportWidth)
        canvas.filledPolygon([(skyLeft, 0), (skyRight, 0), (skyRight, Walker.viewportHeight), (skyLeft, Walker.viewportHeight)], Self.sky)
        for cloud in clouds {
            guard let x1 = cloud.map(\.x).min(), let x2 = cloud.map(\.x).max(),
                  x2 >= scroll / 2, x1 <= scroll / 2 + view else { continue }
            canvas.polygon(cloud.map { ($0.x * scale + left / 2, $0.y * scale) }, fill: Self.cloud, outline: Self.cloud)
        }
        let edges = terrainX.count - 1
        for i in 0..<max(edges, 0) where terrainX[i + 1] >= scroll && terrainX[i] <= scroll + view {
            let soil = [(terrainX[i], terrainY[i]), (terrainX[i + 1], terrainY[i + 1]), (terrainX[i + 1], 0), (terrainX[i], 0)]
            canvas.polygon(soil.map(surface), fill: Self.soil, outline: Self.soil)
        }
        if let lidar {
            canvas.line(surface(lidar.from), surface(lidar.to), Self.lidarColor)
        }
        // gymnasium's draw list: the ground's edges and the obstacles in reverse creation order
        // (edges last to first, then obstacles last to first), the legs, the hull.
        for i in stride(from: edges - 1, through: 0, by: -1) {
            canvas.aalines([surface((terrainX[i], terrainY[i])), surface((terrainX[i + 1], terrainY[i + 1]))],
                           i % 2 == 0 ? Self.grass.0 : Self.grass.1, closed: false)
        }
        for obstacle in obstacles.reversed() {
            body(obstacle.map(surface), fill: Self.obstacleFill, outline: Self.obstacleOutline, on: &canvas)
        }
        let thigh = Self.box(halfWidth: Walker.legWidth / 2, halfHeight: Walker.legHeight / 2)
        let shin = Self.box(halfWidth: 0.8 * Walker.legWidth / 2, halfHeight: Walker.legHeight / 2)
        for (k, pose) in legs.enumerated() {
            let side = k < 2
            body(pose.place(k % 2 == 0 ? thigh : shin).map(surface), fill: side ? Self.legFill.0 : Self.legFill.1,
                 outline: side ? Self.legOutline.0 : Self.legOutline.1, on: &canvas)
        }
        let hullShape = Walker.hullPolygon.map { ($0.0 / scale, $0.1 / scale) }
        body(hull.place(hullShape).map(surface), fill: Self.hullFill, outline: Self.hullOutline, on: &canvas)

        let flagX = Walker.terrainStep * 3 * scale, flagY1 = Walker.terrainHeight * scale, flagY2 = flagY1 + 50
        canvas.aalines([(flagX, flagY1), (flagX, flagY2)], .black, closed: false)
        let flag = [(flagX, flagY2), (flagX, flagY2 - 10), (flagX + 25, flagY2 - 5)]
        canvas.filledPolygon(flag, Self.flagFill)
        for k in 0..<3 { canvas.line(flag[k], flag[(k + 1) % 3], .black) }
        return canvas.frame(background: .black)
    }

    /// A Box2D body as gymnasium draws it: filled and edged in its fill colour, then outlined.
    private func body(_ path: [(Double, Double)], fill: Color, outline: Color, on canvas: inout PygameCanvas) {
        canvas.polygon(path, fill: fill, outline: fill)
        canvas.aalines(path, outline, closed: true)
    }

    /// A centred box's corners in Box2D's order.
    static func box(halfWidth w: Double, halfHeight h: Double) -> [(Double, Double)] {
        [(-w, -h), (w, -h), (w, h), (-w, h)]
    }
}
