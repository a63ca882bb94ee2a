import CGIF
import Foundation

/// Writes an animated GIF (via giflib) frame by frame, looping forever.
///
/// Each frame stores only the rectangle that changed since the previous one, with the pixels
/// that stayed the same transparent, and its own colour table: exact when the changed pixels
/// have at most 255 colours, else giflib's median-cut quantisation to 255 (anti-aliased edges
/// at angles blend into many shades) with each table entry set to the most frequent exact colour
/// it stands for. A frame equal to the previous one only lengthens the previous one's
/// delay. The file is written beside the destination and renamed over it by `finish()`; a
/// writer dropped without `finish()` leaves any previous file untouched.
///
/// Not thread-safe: one writer is used from one thread.
public final class GIFWriter {
    public let width: Int
    public let height: Int
    /// Frames written so far (a frame that repeats its predecessor is merged into it).
    public private(set) var frameCount = 0

    private let staged: StagedFile
    private var gif: UnsafeMutablePointer<GifFileType>?
    /// What a decoder shows after the frames written so far.
    private var shown: Raster?
    /// The latest frame, written once the next different one (or `finish`) arrives.
    private var pending: Raster?
    private var pendingDelay = 0
    private var palette = ExactPalette()

    /// Starts a GIF of `width × height` pixels at `path` (extension not checked here).
    public init(path: String, width: Int, height: Int) throws(RenderingError) {
        guard (1...65_535).contains(width), (1...65_535).contains(height) else {
            throw .invalidArgument("a GIF must be 1 to 65535 pixels wide and high, got \(width)×\(height)")
        }
        try PictureFormat.checkWritable(path)
        self.width = width
        self.height = height
        staged = StagedFile(destination: path)
        // Opened here rather than by EGifOpenFileName, which creates files readable by their owner
        // only: the GIF gets the permissions the umask gives any new file, as the PNG does.
        let descriptor = open(staged.temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
        guard descriptor >= 0 else { throw .unwritablePath(path, reason: String(cString: strerror(errno))) }
        var error: Int32 = 0
        guard let gif = EGifOpenFileHandle(descriptor, &error) else {
            close(descriptor)
            staged.discard()
            throw .unwritablePath(path, reason: Self.message(error))
        }
        self.gif = gif
        EGifSetGifVersion(gif, true)
        do {
            try check(EGifPutScreenDesc(gif, Int32(width), Int32(height), 8, 0, nil))
            // NETSCAPE2.0 application extension: loop forever.
            try check(EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE))
            try check(EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0"))
            let loop: [UInt8] = [1, 0, 0]
            try check(EGifPutExtensionBlock(gif, 3, loop))
            try check(EGifPutExtensionTrailer(gif))
        } catch {
            abandon()
            throw error
        }
    }

    deinit { abandon() }

    /// Adds a frame shown for `delay` hundredths of a second (GIF's unit; at least 1).
    public func add(_ raster: Raster, delay: Int) throws(RenderingError) {
        guard gif != nil else { throw .invalidArgument("the GIF \"\(staged.destination)\" is already finished") }
        guard raster.width == width, raster.height == height else {
            throw .sizeMismatch(expected: "the GIF's \(width)×\(height)", got: "\(raster.width)×\(raster.height)")
        }
        let delay = max(1, delay)
        if let pending, pending.pixels == raster.pixels {
            pendingDelay += delay
            return
        }
        try flushPending()
        pending = raster
        pendingDelay = delay
    }

    /// Writes the last frame, closes the file and moves it to its destination.
    public func finish() throws(RenderingError) {
        guard gif != nil else { throw .invalidArgument("the GIF \"\(staged.destination)\" is already finished") }
        guard pending != nil || frameCount > 0 else {
            abandon()
            throw .invalidArgument("no frames to write to \"\(staged.destination)\"")
        }
        do {
            try flushPending()
        } catch {
            abandon()
            throw error
        }
        var error: Int32 = 0
        let closed = EGifCloseFile(gif, &error)
        gif = nil
        guard closed == GIF_OK else {
            staged.discard()
            throw .unwritablePath(staged.destination, reason: Self.message(error))
        }
        try staged.commit()
    }

    private func abandon() {
        if let gif {
            var error: Int32 = 0
            EGifCloseFile(gif, &error)
            staged.discard()
        }
        gif = nil
    }

    /// Encodes the pending frame against what is shown, in chunks of at most 65535 centiseconds.
    private func flushPending() throws(RenderingError) {
        guard let frame = pending else { return }
        var delay = pendingDelay
        try encode(frame, delay: min(delay, 65_535))
        delay -= 65_535
        while delay > 0 {
            // A 1×1 transparent frame carries the rest of a very long delay.
            try encodeHold(delay: min(delay, 65_535))
            delay -= 65_535
        }
        shown = frame
        pending = nil
    }

    private func encode(_ frame: Raster, delay: Int) throws(RenderingError) {
        guard let gif else { return }
        let region = changedRegion(frame)
        let (left, top, w, h) = (region.left, region.top, region.width, region.height)
        let previous = shown
        var indices = [UInt8](repeating: 0, count: w * h)
        var colors: [GifColorType] = []
        var unchanged = 0

        // Exact colour table when the changed pixels need at most 255 colours.
        palette.clear()
        var exact = true
        frame.pixels.withUnsafeBufferPointer { source in
            for y in 0..<h {
                let row = (top + y) * width + left
                for x in 0..<w {
                    let p = source[row + x]
                    if let previous, previous.pixels[row + x] == p { unchanged += 1; continue }
                    if palette.index(of: p) == nil {
                        guard palette.count < 255 else { exact = false; return }
                        palette.insert(p)
                    }
                }
            }
        }
        let transparent: Int
        if exact {
            colors = palette.colors.map { GifColorType(Red: UInt8(truncatingIfNeeded: $0 >> 16), Green: UInt8(truncatingIfNeeded: $0 >> 8), Blue: UInt8(truncatingIfNeeded: $0)) }
            transparent = colors.count
            for y in 0..<h {
                let row = (top + y) * width + left
                for x in 0..<w {
                    let p = frame.pixels[row + x]
                    if let previous, previous.pixels[row + x] == p {
                        indices[y * w + x] = UInt8(transparent)
                    } else {
                        indices[y * w + x] = UInt8(palette.index(of: p)!)
                    }
                }
            }
        } else {
            transparent = try quantize(frame, region: region, previous: previous, into: &indices, colors: &colors)
        }

        let tableSize = 1 << Int(GifBitSize(Int32(max(2, colors.count + (unchanged > 0 ? 1 : 0)))))
        while colors.count < tableSize { colors.append(GifColorType(Red: 0, Green: 0, Blue: 0)) }
        guard let map = GifMakeMapObject(Int32(tableSize), colors) else {
            throw .library("giflib could not make a colour table of \(tableSize) entries")
        }
        defer { GifFreeMapObject(map) }

        var control = GraphicsControlBlock(DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false, DelayTime: Int32(delay),
                                           TransparentColor: unchanged > 0 ? Int32(transparent) : NO_TRANSPARENT_COLOR)
        var extensionBytes = [UInt8](repeating: 0, count: 4)
        let length = EGifGCBToExtension(&control, &extensionBytes)
        try check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, Int32(length), extensionBytes))
        try check(EGifPutImageDesc(gif, Int32(left), Int32(top), Int32(w), Int32(h), false, map))
        try indices.withUnsafeMutableBufferPointer { (buffer) throws(RenderingError) in
            for y in 0..<h {
                try check(EGifPutLine(gif, buffer.baseAddress! + y * w, Int32(w)))
            }
        }
        frameCount += 1
    }

    /// giflib's median cut (`GifQuantizeBuffer`) over the changed pixels: fills `indices` and
    /// `colors` and returns the transparent index (the first after the colours). Each colour of
    /// the table is then replaced by the most frequent exact colour among the pixels mapped to it,
    /// so that flat areas keep their exact colour (giflib averages 5-bit values, e.g. white to 248).
    private func quantize(_ frame: Raster, region: (left: Int, top: Int, width: Int, height: Int), previous: Raster?,
                          into indices: inout [UInt8], colors: inout [GifColorType]) throws(RenderingError) -> Int {
        var positions: [Int] = [], values: [UInt32] = []
        var red: [UInt8] = [], green: [UInt8] = [], blue: [UInt8] = []
        for y in 0..<region.height {
            let row = (region.top + y) * width + region.left
            for x in 0..<region.width {
                let p = frame.pixels[row + x]
                if let previous, previous.pixels[row + x] == p { continue }
                positions.append(y * region.width + x)
                values.append(p)
                red.append(UInt8(truncatingIfNeeded: p >> 16))
                green.append(UInt8(truncatingIfNeeded: p >> 8))
                blue.append(UInt8(truncatingIfNeeded: p))
            }
        }
        var size: Int32 = 255
        var output = [UInt8](repeating: 0, count: positions.count)
        var map = [GifColorType](repeating: GifColorType(Red: 0, Green: 0, Blue: 0), count: 256)
        guard GifQuantizeBuffer(UInt32(positions.count), 1, &size, &red, &green, &blue, &output, &map) == GIF_OK else {
            throw .library("giflib could not quantise a frame's colours")
        }
        var counts: [UInt64: Int] = [:]
        var best = [(color: UInt32, count: Int)](repeating: (0, 0), count: Int(size))
        for (k, p) in values.enumerated() {
            let entry = Int(output[k])
            let key = UInt64(entry) << 32 | UInt64(p)
            let n = counts[key, default: 0] + 1
            counts[key] = n
            if n > best[entry].count { best[entry] = (p, n) }
        }
        colors = (0..<Int(size)).map { i in
            guard best[i].count > 0 else { return map[i] }
            let p = best[i].color
            return GifColorType(Red: UInt8(truncatingIfNeeded: p >> 16), Green: UInt8(truncatingIfNeeded: p >> 8), Blue: UInt8(truncatingIfNeeded: p))
        }
        let transparent = Int(size)
        for i in indices.indices { indices[i] = UInt8(transparent) }
        for (k, position) in positions.enumerated() { indices[position] = output[k] }
        return transparent
    }

    /// The smallest rectangle holding every pixel that differs from what is shown (the whole
    /// picture for the first frame).
    private func changedRegion(_ frame: Raster) -> (left: Int, top: Int, width: Int, height: Int) {
        guard let shown else { return (0, 0, width, height) }
        var (minX, minY, maxX, maxY) = (width, height, -1, -1)
        frame.pixels.withUnsafeBufferPointer { a in
            shown.pixels.withUnsafeBufferPointer { b in
                for y in 0..<height {
                    let row = y * width
                    var x = 0
                    while x < width && a[row + x] == b[row + x] { x += 1 }
                    guard x < width else { continue }
                    var last = width - 1
                    while a[row + last] == b[row + last] { last -= 1 }
                    minX = min(minX, x)
                    maxX = max(maxX, last)
                    minY = min(minY, y)
                    maxY = y
                }
            }
        }
        guard maxX >= 0 else { return (0, 0, 1, 1) }
        return (minX, minY, maxX - minX + 1, maxY - minY + 1)
    }

    /// A fully transparent 1×1 frame that only waits `delay` centiseconds.
    private func encodeHold(delay: Int) throws(RenderingError) {
        guard let gif else { return }
        let colors = [GifColorType(Red: 0, Green: 0, Blue: 0), GifColorType(Red: 0, Green: 0, Blue: 0)]
        guard let map = GifMakeMapObject(2, colors) else { throw .library("giflib could not make a colour table") }
        defer { GifFreeMapObject(map) }
        var control = GraphicsControlBlock(DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false, DelayTime: Int32(delay), TransparentColor: 0)
        var extensionBytes = [UInt8](repeating: 0, count: 4)
        let length = EGifGCBToExtension(&control, &extensionBytes)
        try check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, Int32(length), extensionBytes))
        try check(EGifPutImageDesc(gif, 0, 0, 1, 1, false, map))
        var pixel: [UInt8] = [0]
        try check(EGifPutLine(gif, &pixel, 1))
        frameCount += 1
    }

    private func check(_ status: Int32) throws(RenderingError) {
        guard status == GIF_OK else {
            throw .unwritablePath(staged.destination, reason: Self.message(gif?.pointee.Error ?? 0))
        }
    }

    static func message(_ code: Int32) -> String {
        GifErrorString(code).map { String(cString: $0) } ?? "giflib error \(code)"
    }
}

/// Up to 255 distinct colours with their indices, in a small open-addressing table reused from
/// frame to frame.
struct ExactPalette {
    private static let slots = 1024
    private var keys = [UInt32](repeating: 0, count: ExactPalette.slots)
    private var values = [UInt8](repeating: 0, count: ExactPalette.slots)
    private(set) var colors: [UInt32] = []

    var count: Int { colors.count }

    mutating func clear() {
        for i in keys.indices { keys[i] = 0 }
        colors.removeAll(keepingCapacity: true)
    }

    /// The index of opaque colour `p` (alpha set, so never 0), if present.
    func index(of p: UInt32) -> Int? {
        var slot = Int((p &* 2_654_435_761) >> 22) & (Self.slots - 1)
        while keys[slot] != 0 {
            if keys[slot] == p { return Int(values[slot]) }
            slot = (slot + 1) & (Self.slots - 1)
        }
        return nil
    }

    mutating func insert(_ p: UInt32) {
        var slot = Int((p &* 2_654_435_761) >> 22) & (Self.slots - 1)
        while keys[slot] != 0 { slot = (slot + 1) & (Self.slots - 1) }
        keys[slot] = p
        values[slot] = UInt8(colors.count)
        colors.append(p)
    }
}
