import CCairo
import Foundation

extension Raster {
    /// Writes the picture as a PNG file (via Cairo). A failed write leaves any previous file.
    public func writePNG(to path: String) throws(RenderingError) {
        try PictureFormat.checkWritable(path)
        let staged = StagedFile(destination: path)
        var copy = pixels
        let status = copy.withUnsafeMutableBytes { bytes -> cairo_status_t in
            let surface = cairo_image_surface_create_for_data(
                bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_ARGB32,
                Int32(width), Int32(height), Int32(width * 4))
            defer { cairo_surface_destroy(surface) }
            return cairo_surface_write_to_png(surface, staged.temporary)
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            staged.discard()
            throw .unwritablePath(path, reason: String(cString: cairo_status_to_string(status)))
        }
        try staged.commit()
    }

    /// Reads a PNG file (via Cairo); transparency is composed over white.
    public init(png path: String) throws(RenderingError) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .unreadableFile(path, reason: "no readable file there")
        }
        let surface = cairo_image_surface_create_from_png(path)
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .malformedFile(path, reason: "not a PNG Cairo can read (\(String(cString: cairo_status_to_string(status))))")
        }
        let (w, h) = (Int(cairo_image_surface_get_width(surface)), Int(cairo_image_surface_get_height(surface)))
        guard w > 0, h > 0 else { throw .malformedFile(path, reason: "the picture is empty") }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var pixels = [UInt32](repeating: 0, count: w * h)
        for y in 0..<h {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<w {
                // Premultiplied ARGB: add the white that shows through.
                let p = row[x]
                let alpha = p >> 24
                let white = 255 - alpha
                let r = ((p >> 16) & 0xFF) + white, g = ((p >> 8) & 0xFF) + white, b = (p & 0xFF) + white
                pixels[y * w + x] = 0xFF00_0000 | r << 16 | g << 8 | b
            }
        }
        self.init(width: w, height: h, pixels: pixels)
    }
}

extension Raster {
    /// Reads a binary PPM (`P6`, maxval 255), as the gymnasium reference frames are stored.
    public init(ppm path: String) throws(RenderingError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path, reason: "no readable file there")
        }
        var fields: [Int] = []
        var index = data.startIndex
        func skipSpace() {
            while index < data.endIndex {
                if data[index] == UInt8(ascii: "#") {
                    while index < data.endIndex && data[index] != UInt8(ascii: "\n") { index += 1 }
                } else if [9, 10, 13, 32].contains(data[index]) {
                    index += 1
                } else { return }
            }
        }
        skipSpace()
        guard data.count >= 2, data[index] == UInt8(ascii: "P"), data[index + 1] == UInt8(ascii: "6") else {
            throw .malformedFile(path, reason: "expected a binary PPM starting with P6")
        }
        index += 2
        while fields.count < 3 {
            skipSpace()
            var value = 0, digits = 0
            while index < data.endIndex, (48...57).contains(data[index]), digits < 6 {
                value = value * 10 + Int(data[index] - 48)
                index += 1
                digits += 1
            }
            guard digits > 0 else { throw .malformedFile(path, reason: "expected width, height and maxval in the PPM header") }
            fields.append(value)
        }
        let (w, h, maxValue) = (fields[0], fields[1], fields[2])
        guard maxValue == 255 else { throw .malformedFile(path, reason: "maxval \(maxValue); expected 255") }
        guard (1...16_384).contains(w), (1...16_384).contains(h) else {
            throw .malformedFile(path, reason: "size \(w)×\(h); expected 1 to 16384 pixels each way")
        }
        index += 1
        guard data.endIndex - index >= w * h * 3 else {
            throw .malformedFile(path, reason: "\(data.endIndex - index) bytes of pixels; expected \(w * h * 3)")
        }
        var pixels = [UInt32](repeating: 0, count: w * h)
        for i in 0..<(w * h) {
            let o = index + 3 * i
            pixels[i] = 0xFF00_0000 | UInt32(data[o]) << 16 | UInt32(data[o + 1]) << 8 | UInt32(data[o + 2])
        }
        self.init(width: w, height: h, pixels: pixels)
    }
}
