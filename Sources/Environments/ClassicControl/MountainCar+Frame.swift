import Foundation

extension MountainCar: RenderableEnvironment {
    public var framesPerSecond: Int { 30 }

    /// gymnasium's 600×400 picture: the hill, the car and the goal flag.
    public func frame() -> Frame { MountainCarPicture.frame(position: position, goalPosition: Self.goalPosition) }
}

extension MountainCarContinuous: RenderableEnvironment {
    public var framesPerSecond: Int { 30 }

    /// gymnasium's 600×400 picture: the hill, the car and the goal flag.
    public func frame() -> Frame { MountainCarPicture.frame(position: position, goalPosition: Self.goalPosition) }
}

/// The picture both mountain cars share; only the flag's position differs.
public enum MountainCarPicture {
    static let minPosition = -1.2
    static let maxPosition = 0.6

    /// The hill's height at `x`.
    static func height(_ x: Double) -> Double { sin(3 * x) * 0.45 + 0.55 }

    /// The car at `position` on the hill, the flag at `goalPosition`.
    public static func frame(position: Double, goalPosition: Double) -> Frame {
        var canvas = PygameCanvas(width: 600, height: 400)
        let scale = Double(canvas.width) / (maxPosition - minPosition)
        let carWidth = 40.0, carHeight = 20.0, clearance = 10.0

        let hill = (0..<100).map { i -> (Double, Double) in
            let x = minPosition + (maxPosition - minPosition) * Double(i) / 99
            return ((x - minPosition) * scale, height(x) * scale)
        }
        canvas.aalines(hill, .black, closed: false)

        let tilt = cos(3 * position)
        let base = ((position - minPosition) * scale, clearance + height(position) * scale)
        let (l, r, t, b) = (-carWidth / 2, carWidth / 2, carHeight, 0.0)
        let car = [(l, b), (l, t), (r, t), (r, b)].map { corner -> (Double, Double) in
            let c = rotated(corner, by: tilt)
            return (c.0 + base.0, c.1 + base.1)
        }
        canvas.gfxPolygon(car, .black)
        for wheel in [(carWidth / 4, 0.0), (-carWidth / 4, 0.0)] {
            let c = rotated(wheel, by: tilt)
            canvas.gfxCircle(Int(c.0 + base.0), Int(c.1 + base.1), Int(carHeight / 2.5), Color(128, 128, 128))
        }

        let flagX = Int((goalPosition - minPosition) * scale)
        let flagY1 = Int(height(goalPosition) * scale)
        let flagY2 = flagY1 + 50
        canvas.vline(flagX, flagY1, flagY2, .black)
        let flag = [(flagX, flagY2), (flagX, flagY2 - 10), (flagX + 25, flagY2 - 5)].map { (Double($0.0), Double($0.1)) }
        canvas.gfxPolygon(flag, Color(204, 204, 0))
        return canvas.frame()
    }
}
