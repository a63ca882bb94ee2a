/// The few fields of TensorBoard's `Event` protocol buffer (tensorflow/core/util/event.proto)
/// that scalar logs need, encoded by hand:
///
///     Event   { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
///     Summary { repeated Value value = 1; }
///     Value   { string tag = 1; float simple_value = 2; }
///
/// Why not swift-protobuf: these six fields are all we write and they never change; the library
/// would be a dependency of every package that links `TensorBoard` (and so `Agents`), and its
/// code generator needs `protoc` and a plugin build of its own. The wire format used here is
/// protobuf's documented one: a key `(field << 3) | wireType`, varints, little-endian fixed64 and
/// fixed32, length-delimited strings and messages.
public enum Event {
    /// The version record every event file starts with.
    public static let fileVersion = "brain.Event:2"

    /// An event that carries only the file version.
    public static func version(wallTime: Double) -> [UInt8] {
        var bytes: [UInt8] = []
        appendDouble(field: 1, wallTime, to: &bytes)
        appendBytes(field: 3, Array(fileVersion.utf8), to: &bytes)
        return bytes
    }

    /// An event with one scalar summary value per (tag, value), at `step`.
    public static func scalars(_ values: [(tag: String, value: Float)], step: Int64, wallTime: Double) -> [UInt8] {
        var summary: [UInt8] = []
        for (tag, value) in values {
            var entry: [UInt8] = []
            appendBytes(field: 1, Array(tag.utf8), to: &entry)
            appendKey(field: 2, wireType: 5, to: &entry)
            entry += TFRecord.littleEndian(value.bitPattern)
            appendBytes(field: 1, entry, to: &summary)
        }
        var bytes: [UInt8] = []
        appendDouble(field: 1, wallTime, to: &bytes)
        appendKey(field: 2, wireType: 0, to: &bytes)
        appendVarint(UInt64(bitPattern: step), to: &bytes)
        appendBytes(field: 5, summary, to: &bytes)
        return bytes
    }

    static func appendKey(field: Int, wireType: Int, to bytes: inout [UInt8]) {
        appendVarint(UInt64(field << 3 | wireType), to: &bytes)
    }

    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    static func appendDouble(field: Int, _ value: Double, to bytes: inout [UInt8]) {
        appendKey(field: field, wireType: 1, to: &bytes)
        bytes += TFRecord.littleEndian(value.bitPattern)
    }

    static func appendBytes(field: Int, _ value: [UInt8], to bytes: inout [UInt8]) {
        appendKey(field: field, wireType: 2, to: &bytes)
        appendVarint(UInt64(value.count), to: &bytes)
        bytes += value
    }
}
