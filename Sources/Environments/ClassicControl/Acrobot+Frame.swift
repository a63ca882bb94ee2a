import Foundation

extension Acrobot: RenderableEnvironment {
    public var framesPerSecond: Int { 15 }

    /// gymnasium's 500×500 picture: the goal line, both links and their joints.
    public func frame() -> Frame { Self.frame(theta1: s[0], theta2: s[1]) }

    /// The picture of the chain with joint angles `theta1` (from hanging down) and `theta2`.
    public static func frame(theta1: Double, theta2: Double) -> Frame {
        var canvas = PygameCanvas(width: 500, height: 500)
        let bound = linkLength1 + linkLength2 + 0.2
        let scale = Double(canvas.width) / (bound * 2)
        let offset = Double(canvas.width) / 2

        let p1 = (linkLength1 * sin(theta1) * scale, -linkLength1 * cos(theta1) * scale)
        let joints = [(0.0, 0.0), p1]
        let angles = [theta1 - Double.pi / 2, theta1 + theta2 - Double.pi / 2]
        let lengths = [linkLength1 * scale, linkLength2 * scale]

        canvas.line((-2.2 * scale + offset, 1 * scale + offset), (2.2 * scale + offset, 1 * scale + offset), .black)
        for k in 0..<2 {
            let (x, y) = (joints[k].0 + offset, joints[k].1 + offset)
            let (l, r, t, b) = (0.0, lengths[k], 0.1 * scale, -0.1 * scale)
            let link = [(l, b), (l, t), (r, t), (r, b)].map { corner -> (Double, Double) in
                let c = rotated(corner, by: angles[k])
                return (c.0 + x, c.1 + y)
            }
            canvas.gfxPolygon(link, Color(0, 204, 204))
            canvas.gfxCircle(Int(x), Int(y), Int(0.1 * scale), Color(204, 204, 0))
        }
        return canvas.frame()
    }

    /// Length of the second link (gymnasium's `LINK_LENGTH_2`).
    @inlinable static var linkLength2: Double { 1.0 }
}
