import Foundation

extension CartPole: RenderableEnvironment {
    public var framesPerSecond: Int { 50 }

    /// gymnasium's 600×400 picture: the track, the black cart, the pole and its axle.
    public func frame() -> Frame { Self.frame(x: x, theta: theta) }

    /// The picture of a cart at `x` with the pole at `theta` (radians from upright).
    public static func frame(x: Double, theta: Double) -> Frame {
        var canvas = PygameCanvas(width: 600, height: 400)
        let scale = Double(canvas.width) / (xThreshold * 2)
        let poleWidth = 10.0, poleLength = scale * (2 * length)
        let cartWidth = 50.0, cartHeight = 30.0
        let axleOffset = cartHeight / 4
        let cartX = x * scale + Double(canvas.width) / 2
        let cartY = 100.0

        let (l, r, t, b) = (-cartWidth / 2, cartWidth / 2, cartHeight / 2, -cartHeight / 2)
        canvas.gfxPolygon([(l, b), (l, t), (r, t), (r, b)].map { ($0.0 + cartX, $0.1 + cartY) }, .black)

        let (pl, pr, pt, pb) = (-poleWidth / 2, poleWidth / 2, poleLength - poleWidth / 2, -poleWidth / 2)
        let pole = [(pl, pb), (pl, pt), (pr, pt), (pr, pb)].map { corner -> (Double, Double) in
            let c = rotated(corner, by: -theta)
            return (c.0 + cartX, c.1 + cartY + axleOffset)
        }
        canvas.gfxPolygon(pole, Color(202, 152, 101))
        canvas.gfxCircle(Int(cartX), Int(cartY + axleOffset), Int(poleWidth / 2), Color(129, 132, 203))
        canvas.hline(0, canvas.width, Int(cartY), .black)
        return canvas.frame()
    }
}
