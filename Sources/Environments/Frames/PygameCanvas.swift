import Foundation

/// gymnasium's pygame drawing calls, recorded as `Frame` shapes.
///
/// gymnasium draws on a surface whose y axis points down and flips it vertically at the end, so
/// that world y points up; a surface point `(x, y)` lands at `(x, height − y)` of the picture and
/// surface pixel `(i, j)` is picture pixel `(i, height − 1 − j)`. `gfxdraw` calls take whole
/// pixels (coordinates truncated), their shapes are centred on pixel centres here.
///
/// A picture may show a window of a wider surface (BipedalWalker's scrolling view): surface
/// column `left` is the picture's column 0, applied after pygame's truncation to pixels.
struct PygameCanvas {
    let width: Int
    let height: Int
    /// The surface column shown as the picture's first column.
    let left: Int
    var shapes: [Shape] = []

    init(width: Int, height: Int, left: Int = 0) {
        self.width = width
        self.height = height
        self.left = left
    }

    /// The picture point of surface point `(x, y)`.
    func point(_ x: Double, _ y: Double) -> Point { Point(x - Double(left), Double(height) - y) }

    /// The picture point at the centre of surface pixel `(i, j)`.
    func pixelCentre(_ i: Int, _ j: Int) -> Point { Point(Double(i - left) + 0.5, Double(height - j) - 0.5) }

    /// `gfxdraw.aapolygon` + `gfxdraw.filled_polygon` in one colour: the vertices are truncated to
    /// whole pixels and the polygon includes its edge pixels.
    mutating func gfxPolygon(_ vertices: [(Double, Double)], _ color: Color) {
        shapes.append(.polygon(vertices.map { pixelCentre(Int($0.0), Int($0.1)) }, fill: color, outline: color))
    }

    /// `gfxdraw.aacircle` + `gfxdraw.filled_circle`: the pixels within `radius` of pixel `(x, y)`.
    mutating func gfxCircle(_ x: Int, _ y: Int, _ radius: Int, _ color: Color) {
        shapes.append(.circle(center: pixelCentre(x, y), radius: Double(radius) + 0.5, fill: color, outline: nil))
    }

    /// `gfxdraw.hline`: pixels `x1...x2` of row `y`.
    mutating func hline(_ x1: Int, _ x2: Int, _ y: Int, _ color: Color) {
        shapes.append(.polyline([pixelCentre(x1, y), pixelCentre(x2, y)], color: color, width: 1, crisp: true))
    }

    /// `gfxdraw.vline`: pixels `y1...y2` of column `x`.
    mutating func vline(_ x: Int, _ y1: Int, _ y2: Int, _ color: Color) {
        shapes.append(.polyline([pixelCentre(x, y1), pixelCentre(x, y2)], color: color, width: 1, crisp: true))
    }

    /// `pygame.draw.line` one pixel wide between two surface points (truncated to pixels).
    mutating func line(_ start: (Double, Double), _ end: (Double, Double), _ color: Color) {
        let a = pixelCentre(Int(start.0), Int(start.1)), b = pixelCentre(Int(end.0), Int(end.1))
        shapes.append(.polyline([a, b], color: color, width: 1, crisp: true))
    }

    /// `pygame.draw.aalines`: an anti-aliased chain through surface points, closed or not.
    mutating func aalines(_ points: [(Double, Double)], _ color: Color, closed: Bool) {
        var chain = points.map { point($0.0, $0.1) }
        if closed, let first = chain.first { chain.append(first) }
        shapes.append(.polyline(chain, color: color, width: 1, crisp: false))
    }

    /// `pygame.draw.polygon` (filled) with `gfxdraw.aapolygon` around it, in surface coordinates.
    mutating func polygon(_ vertices: [(Double, Double)], fill: Color, outline: Color) {
        shapes.append(.polygon(vertices.map { point($0.0, $0.1) }, fill: fill, outline: outline))
    }

    /// `pygame.draw.polygon` filled, without an outline, in surface coordinates.
    mutating func filledPolygon(_ vertices: [(Double, Double)], _ color: Color) {
        shapes.append(.polygon(vertices.map { point($0.0, $0.1) }, fill: color, outline: nil))
    }

    /// `pygame.draw.circle` (filled) of `radius` around surface point `center`.
    mutating func disc(_ center: (Double, Double), radius: Double, _ color: Color) {
        shapes.append(.circle(center: point(center.0, center.1), radius: radius, fill: color, outline: nil))
    }

    /// A white frame of this size with the recorded shapes.
    func frame(background: Color = .white) -> Frame {
        Frame(width: width, height: height, background: background, shapes: shapes)
    }
}

/// pygame's `Vector2(x, y).rotate_rad(angle)`: counter-clockwise in the surface's x–y axes.
@inline(__always)
func rotated(_ v: (Double, Double), by angle: Double) -> (Double, Double) {
    let (c, s) = (cos(angle), sin(angle))
    return (v.0 * c - v.1 * s, v.0 * s + v.1 * c)
}
