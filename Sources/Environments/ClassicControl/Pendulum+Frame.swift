import Foundation

extension Pendulum: RenderableEnvironment {
    public var framesPerSecond: Int { 30 }

    /// gymnasium's 500×500 picture: the rod, its axle and the last torque's arrow.
    public func frame() -> Frame { Self.frame(theta: theta, lastTorque: lastTorque) }

    /// The picture of the rod at `theta` (0 upright) with an arrow for `lastTorque`, if any.
    ///
    /// gymnasium blits a bitmap of a clockwise arrow, scaled to `scale·|u|/2` pixels square and
    /// mirrored for a positive torque; it is drawn here as the bitmap's arc (centre, radius and
    /// stroke measured on its 329×312 pixels) with its arrow head.
    public static func frame(theta: Double, lastTorque: Double?) -> Frame {
        var canvas = PygameCanvas(width: 500, height: 500)
        let bound = 2.2
        let scale = Double(canvas.width) / (bound * 2)
        let offset = canvas.width / 2
        let red = Color(204, 77, 77)

        let rodLength = 1 * scale, rodWidth = 0.2 * scale
        let (l, r, t, b) = (0.0, rodLength, rodWidth / 2, -rodWidth / 2)
        let rod = [(l, b), (l, t), (r, t), (r, b)].map { corner -> (Double, Double) in
            let c = rotated(corner, by: theta + Double.pi / 2)
            return (c.0 + Double(offset), c.1 + Double(offset))
        }
        canvas.gfxPolygon(rod, red)
        canvas.gfxCircle(offset, offset, Int(rodWidth / 2), red)
        let end = rotated((rodLength, 0), by: theta + Double.pi / 2)
        canvas.gfxCircle(Int(end.0 + Double(offset)), Int(end.1 + Double(offset)), Int(rodWidth / 2), red)

        if let u = lastTorque {
            canvas.shapes += torqueArrow(size: Int(scale * abs(u) / 2), mirrored: u > 0, center: offset, frameHeight: canvas.height)
        }
        canvas.gfxCircle(offset, offset, Int(0.05 * scale), .black)
        return canvas.frame()
    }

    /// The arrow bitmap's shapes scaled to `size`×`size` pixels around pixel `center` of the
    /// picture (the bitmap appears upright: gymnasium flips it vertically before its final flip).
    static func torqueArrow(size: Int, mirrored: Bool, center: Int, frameHeight: Int) -> [Shape] {
        guard size > 0 else { return [] }
        let (bitmapWidth, bitmapHeight) = (329.0, 312.0)
        let sx = Double(size) / bitmapWidth, sy = Double(size) / bitmapHeight
        let left = Double(center - size / 2)
        let top = Double(frameHeight - center + size / 2 - size)
        func place(_ bx: Double, _ by: Double) -> Point {
            Point(left + (mirrored ? bitmapWidth - bx : bx) * sx, top + by * sy)
        }
        let middle = place(174, 155)
        // The bitmap's arc runs clockwise from just left of the top to just below the left side.
        var start = -91.0 * Double.pi / 180, stop = 176.0 * Double.pi / 180
        if mirrored { (start, stop) = (Double.pi - stop, Double.pi - start) }
        let head = [place(21, 110), place(45, 169), place(21, 152), place(0, 170)]
        return [
            .arc(center: middle, radiusX: 150 * sx, radiusY: 150 * sy, startAngle: start, endAngle: stop,
                 color: .black, width: 10 * sx),
            .polygon(head, fill: .black, outline: nil),
        ]
    }
}
