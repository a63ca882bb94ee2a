import CGIF
import Foundation

/// Reads an animated GIF back (via giflib) and composes its frames as a viewer shows them.
public struct GIFReader {
    public let width: Int
    public let height: Int
    /// The number of images in the file.
    public let frameCount: Int
    private let path: String

    /// Opens and decodes `path`; throws when giflib cannot read it.
    public init(path: String) throws(RenderingError) {
        self.path = path
        let (w, h, count) = try Self.withDecoded(path) { gif in
            (Int(gif.pointee.SWidth), Int(gif.pointee.SHeight), Int(gif.pointee.ImageCount))
        }
        guard (1...16_384).contains(w), (1...16_384).contains(h) else {
            throw .malformedFile(path, reason: "screen size \(w)×\(h); expected 1 to 16384 pixels each way")
        }
        (width, height, frameCount) = (w, h, count)
    }

    /// Calls `body` with each composed frame and its delay in hundredths of a second, in order.
    public func forEachFrame(_ body: (Int, Raster, Int) throws -> Void) throws {
        try Self.withDecoded(path) { gif in
            var canvas = Raster(width: width, height: height, color: .black)
            for index in 0..<frameCount {
                let image = gif.pointee.SavedImages[index]
                var control = GraphicsControlBlock()
                if DGifSavedExtensionToGCB(gif, Int32(index), &control) != GIF_OK {
                    control = GraphicsControlBlock(DisposalMode: DISPOSAL_UNSPECIFIED, UserInputFlag: false,
                                                   DelayTime: 0, TransparentColor: NO_TRANSPARENT_COLOR)
                }
                let d = image.ImageDesc
                guard let map = d.ColorMap ?? gif.pointee.SColorMap else {
                    throw RenderingError.malformedFile(path, reason: "frame \(index) has no colour table")
                }
                let (left, top, w, h) = (Int(d.Left), Int(d.Top), Int(d.Width), Int(d.Height))
                guard left >= 0, top >= 0, left + w <= width, top + h <= height else {
                    throw RenderingError.malformedFile(path, reason: "frame \(index) lies outside the \(width)×\(height) screen")
                }
                for y in 0..<h {
                    for x in 0..<w {
                        let i = Int(image.RasterBits[y * w + x])
                        guard i != Int(control.TransparentColor) else { continue }
                        guard i < Int(map.pointee.ColorCount) else {
                            throw RenderingError.malformedFile(path, reason: "frame \(index) uses colour \(i) beyond its table")
                        }
                        let c = map.pointee.Colors[i]
                        canvas.pixels[(top + y) * width + left + x] = 0xFF00_0000 | UInt32(c.Red) << 16 | UInt32(c.Green) << 8 | UInt32(c.Blue)
                    }
                }
                try body(index, canvas, Int(control.DelayTime))
            }
        }
    }

    private static func withDecoded<T>(_ path: String, _ body: (UnsafeMutablePointer<GifFileType>) throws -> T) throws(RenderingError) -> T {
        guard FileManager.default.isReadableFile(atPath: path) else { throw .unreadableFile(path, reason: "no readable file there") }
        var error: Int32 = 0
        guard let gif = DGifOpenFileName(path, &error) else {
            throw .malformedFile(path, reason: GIFWriter.message(error))
        }
        defer { DGifCloseFile(gif, &error) }
        guard DGifSlurp(gif) == GIF_OK else {
            throw .malformedFile(path, reason: GIFWriter.message(gif.pointee.Error))
        }
        do {
            return try body(gif)
        } catch let error as RenderingError {
            throw error
        } catch {
            throw .library("\(error)")
        }
    }
}
