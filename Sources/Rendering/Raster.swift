import Environments

/// An opaque picture in memory: `width × height` pixels, rows from the top, each pixel a
/// `UInt32` `0xAARRGGBB` with alpha 255 (Cairo's native ARGB32 layout).
public struct Raster: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt32]

    /// A picture filled with `color`.
    public init(width: Int, height: Int, color: Color = .white) {
        precondition(width > 0 && height > 0, "a raster needs a positive size, got \(width)×\(height)")
        self.width = width
        self.height = height
        pixels = [UInt32](repeating: Raster.pack(color), count: width * height)
    }

    /// A picture from packed pixels (`pixels.count == width * height`).
    public init(width: Int, height: Int, pixels: [UInt32]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height,
                     "a \(width)×\(height) raster needs \(width * height) pixels, got \(pixels.count)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The colour of the pixel in column `x`, row `y`.
    public subscript(x: Int, y: Int) -> Color {
        Raster.unpack(pixels[y * width + x])
    }

    /// The pixels as bytes R, G, B, A, row by row.
    public var rgbaBytes: [UInt8] {
        var bytes = [UInt8](repeating: 255, count: pixels.count * 4)
        for (i, p) in pixels.enumerated() {
            bytes[4 * i] = UInt8(truncatingIfNeeded: p >> 16)
            bytes[4 * i + 1] = UInt8(truncatingIfNeeded: p >> 8)
            bytes[4 * i + 2] = UInt8(truncatingIfNeeded: p)
        }
        return bytes
    }

    @inlinable
    public static func pack(_ c: Color) -> UInt32 {
        0xFF00_0000 | UInt32(c.red) << 16 | UInt32(c.green) << 8 | UInt32(c.blue)
    }

    @inlinable
    public static func unpack(_ p: UInt32) -> Color {
        Color(UInt8(truncatingIfNeeded: p >> 16), UInt8(truncatingIfNeeded: p >> 8), UInt8(truncatingIfNeeded: p))
    }

    /// The share of pixels whose colour is within `tolerance` of `other`'s in every channel
    /// (the conformance measure against gymnasium's frames). Throws when the sizes differ.
    public func agreement(with other: Raster, tolerance: Int = 48) throws(RenderingError) -> Double {
        guard width == other.width, height == other.height else {
            throw .sizeMismatch(expected: "\(other.width)×\(other.height)", got: "\(width)×\(height)")
        }
        var matching = 0
        for i in pixels.indices {
            let (a, b) = (pixels[i], other.pixels[i])
            let close = abs(Int((a >> 16) & 0xFF) - Int((b >> 16) & 0xFF)) <= tolerance
                && abs(Int((a >> 8) & 0xFF) - Int((b >> 8) & 0xFF)) <= tolerance
                && abs(Int(a & 0xFF) - Int(b & 0xFF)) <= tolerance
            if close { matching += 1 }
        }
        return Double(matching) / Double(pixels.count)
    }
}
