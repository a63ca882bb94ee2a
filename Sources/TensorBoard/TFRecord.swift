/// TFRecord framing, the container of TensorBoard event files: each record is
///
///     length: UInt64 little-endian | masked CRC-32C of those 8 bytes: UInt32 LE
///     data: length bytes           | masked CRC-32C of the data: UInt32 LE
public enum TFRecord {
    /// One framed record.
    public static func frame(_ data: [UInt8]) -> [UInt8] {
        var record: [UInt8] = []
        record.reserveCapacity(data.count + 16)
        let length = littleEndian(UInt64(data.count))
        record += length
        record += littleEndian(CRC32C.masked(length))
        record += data
        record += littleEndian(CRC32C.masked(data))
        return record
    }

    /// The records of `bytes`, each checked against its length and both checksums.
    public static func records(in bytes: [UInt8]) throws(TFRecordError) -> [[UInt8]] {
        var records: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= 12 else { throw .truncated(offset: offset) }
            let lengthBytes = Array(bytes[offset..<offset + 8])
            guard CRC32C.masked(lengthBytes) == readUInt32(bytes, at: offset + 8) else { throw .lengthChecksum(offset: offset) }
            let length = lengthBytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let available = UInt64(bytes.count - offset - 12)
            guard length <= available, available - length >= 4 else { throw .truncated(offset: offset) }
            let start = offset + 12, end = start + Int(length)
            let data = Array(bytes[start..<end])
            guard CRC32C.masked(data) == readUInt32(bytes, at: end) else { throw .dataChecksum(offset: offset) }
            records.append(data)
            offset = end + 4
        }
        return records
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<T.bitWidth / 8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << ($1 * 8) }
    }
}

/// Why TFRecord bytes could not be read.
public enum TFRecordError: Error, Equatable, CustomStringConvertible {
    case truncated(offset: Int)
    case lengthChecksum(offset: Int)
    case dataChecksum(offset: Int)

    public var description: String {
        switch self {
        case .truncated(let offset): "the record at byte \(offset) is truncated"
        case .lengthChecksum(let offset): "the length of the record at byte \(offset) fails its checksum"
        case .dataChecksum(let offset): "the data of the record at byte \(offset) fails its checksum"
        }
    }
}
