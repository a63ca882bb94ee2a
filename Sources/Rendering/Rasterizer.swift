import CCairo
import Environments
import Foundation

/// Turns `Frame`s into pixels with Cairo: anti-aliased polygons, circles, lines and arcs.
///
/// Owns one Cairo image surface of a fixed size and reuses it for every frame, so drawing a
/// frame allocates only the `Raster` it returns. Not thread-safe: one rasterizer per thread.
public final class Rasterizer {
    public let width: Int
    public let height: Int
    private let surface: OpaquePointer
    private let context: OpaquePointer

    /// A rasterizer for frames of `width × height` pixels.
    public init(width: Int, height: Int) throws(RenderingError) {
        guard width > 0, height > 0, width <= 16_384, height <= 16_384 else {
            throw .invalidArgument("a picture must be 1 to 16384 pixels wide and high, got \(width)×\(height)")
        }
        self.width = width
        self.height = height
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            let message = String(cString: cairo_status_to_string(status))
            cairo_surface_destroy(surface)
            throw .library("Cairo could not make a \(width)×\(height) surface: \(message)")
        }
        context = cairo_create(surface)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// The pixels of `frame`. Throws when its size is not the rasterizer's.
    public func render(_ frame: Frame) throws(RenderingError) -> Raster {
        var raster = Raster(width: width, height: height)
        try render(frame, into: &raster)
        return raster
    }

    /// Draws `frame` into `raster` (of the rasterizer's size), replacing its pixels.
    public func render(_ frame: Frame, into raster: inout Raster) throws(RenderingError) {
        guard frame.width == width, frame.height == height else {
            throw .sizeMismatch(expected: "the rasterizer's \(width)×\(height)", got: "\(frame.width)×\(frame.height)")
        }
        guard raster.width == width, raster.height == height else {
            throw .sizeMismatch(expected: "the rasterizer's \(width)×\(height)", got: "\(raster.width)×\(raster.height)")
        }
        draw(frame)
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        raster.pixels.withUnsafeMutableBytes { destination in
            for row in 0..<height {
                memcpy(destination.baseAddress! + row * width * 4, data + row * stride, width * 4)
            }
        }
    }

    private func draw(_ frame: Frame) {
        let c = context
        cairo_identity_matrix(c)
        cairo_set_operator(c, CAIRO_OPERATOR_SOURCE)
        setColor(frame.background)
        cairo_paint(c)
        cairo_set_operator(c, CAIRO_OPERATOR_OVER)
        cairo_set_line_join(c, CAIRO_LINE_JOIN_MITER)
        for shape in frame.shapes {
            cairo_new_path(c)
            switch shape {
            case let .polygon(points, fill, outline):
                guard let first = points.first else { continue }
                cairo_move_to(c, first.x, first.y)
                for p in points.dropFirst() { cairo_line_to(c, p.x, p.y) }
                cairo_close_path(c)
                fillAndStroke(fill: fill, outline: outline)
            case let .circle(center, radius, fill, outline):
                cairo_arc(c, center.x, center.y, max(radius, 0), 0, 2 * Double.pi)
                fillAndStroke(fill: fill, outline: outline)
            case let .polyline(points, color, width, crisp):
                guard let first = points.first else { continue }
                cairo_move_to(c, first.x, first.y)
                for p in points.dropFirst() { cairo_line_to(c, p.x, p.y) }
                cairo_set_line_width(c, width)
                cairo_set_line_cap(c, crisp ? CAIRO_LINE_CAP_SQUARE : CAIRO_LINE_CAP_BUTT)
                cairo_set_antialias(c, crisp ? CAIRO_ANTIALIAS_NONE : CAIRO_ANTIALIAS_DEFAULT)
                setColor(color)
                cairo_stroke(c)
                cairo_set_antialias(c, CAIRO_ANTIALIAS_DEFAULT)
            case let .arc(center, radiusX, radiusY, start, end, color, width):
                guard radiusX > 0, radiusY > 0 else { continue }
                cairo_save(c)
                cairo_translate(c, center.x, center.y)
                cairo_scale(c, radiusX, radiusY)
                cairo_arc(c, 0, 0, 1, start, end)
                cairo_restore(c)
                cairo_set_line_width(c, width)
                cairo_set_line_cap(c, CAIRO_LINE_CAP_BUTT)
                setColor(color)
                cairo_stroke(c)
            }
        }
    }

    private func fillAndStroke(fill: Color?, outline: Color?) {
        if let fill {
            setColor(fill)
            if outline != nil { cairo_fill_preserve(context) } else { cairo_fill(context) }
        }
        if let outline {
            setColor(outline)
            cairo_set_line_width(context, 1)
            cairo_stroke(context)
        }
    }

    private func setColor(_ color: Color) {
        cairo_set_source_rgb(context, Double(color.red) / 255, Double(color.green) / 255, Double(color.blue) / 255)
    }
}
