/// An opaque colour with 8-bit channels.
public struct Color: Sendable, Hashable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public static let white = Color(255, 255, 255)
    public static let black = Color(0, 0, 0)

    public var description: String { "(\(red), \(green), \(blue))" }
}

/// A point in pixel coordinates: x to the right, y down from the top edge of the picture, in
/// pixels (the pixel in column i, row j covers [i, i+1] × [j, j+1]).
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// One element of a picture, drawn in order over the ones before it.
///
/// Outlines are one pixel wide; everything is anti-aliased except lines marked `crisp`, which
/// cover whole pixels from end to end (both end pixels included) as pygame's `draw.line` does.
public enum Shape: Sendable, Equatable {
    /// A closed polygon, filled and/or outlined.
    case polygon([Point], fill: Color?, outline: Color?)
    /// A disc of `radius` pixels, filled and/or outlined.
    case circle(center: Point, radius: Double, fill: Color?, outline: Color?)
    /// An open chain of straight segments.
    case polyline([Point], color: Color, width: Double, crisp: Bool)
    /// An elliptical arc from `startAngle` to `endAngle` (radians, measured clockwise from +x in
    /// picture coordinates, drawn in increasing angle), stroked `width` pixels wide.
    case arc(center: Point, radiusX: Double, radiusY: Double, startAngle: Double, endAngle: Double, color: Color, width: Double)
}

/// A picture of an environment's state as pure data: its size, background and shapes in
/// pixel coordinates (y down). Environments build frames; the `Rendering` module turns them
/// into pixels and files, so nothing here depends on a drawing library.
public struct Frame: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var background: Color
    public var shapes: [Shape]

    public init(width: Int, height: Int, background: Color, shapes: [Shape] = []) {
        precondition(width > 0 && height > 0, "a frame needs a positive size, got \(width)×\(height)")
        self.width = width
        self.height = height
        self.background = background
        self.shapes = shapes
    }
}
