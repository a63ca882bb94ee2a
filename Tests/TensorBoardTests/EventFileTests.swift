import XCTest
import Foundation
@testable import TensorBoard

final class EventFileTests: XCTestCase {
    func testCRC32CKnownAnswers() {
        // RFC 3720 (iSCSI), appendix B.4, and the usual check value of "123456789".
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)), 0x8A91_36AA)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)), 0x62A8_AB43)
        XCTAssertEqual(CRC32C.checksum((0..<32).map { UInt8($0) }), 0x46DD_794E)
        XCTAssertEqual(CRC32C.checksum([UInt8]()), 0)
        // Masked: rotate right by 15, add 0xA282EAD8.
        let crc: UInt32 = 0xE306_9283
        XCTAssertEqual(CRC32C.masked(Array("123456789".utf8)), ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8)
    }

    func testWrittenFileReadsBackWithValidFramingChecksumsAndEvents() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-tb-\(UUID().uuidString)/run1")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let writer = try EventWriter(directory: folder.path, wallTime: 1_700_000_000.25)
        try writer.add([("rollout/mean100_return", 21.5), ("train/learning_rate", 3e-4)], step: 12_345, wallTime: 1_700_000_001.5)
        try writer.add([("eval/mean_return", -120.75)], step: 1 << 40, wallTime: 1_700_000_002)
        XCTAssertTrue(URL(fileURLWithPath: writer.path).lastPathComponent.hasPrefix("events.out.tfevents.1700000000."))

        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: writer.path)))
        let records = try TFRecord.records(in: bytes)
        XCTAssertEqual(records.count, 3)
        let events = try records.map(DecodedEvent.init)
        XCTAssertEqual(events[0].wallTime, 1_700_000_000.25)
        XCTAssertEqual(events[0].fileVersion, "brain.Event:2")
        XCTAssertEqual(events[1].step, 12_345)
        XCTAssertEqual(events[1].wallTime, 1_700_000_001.5)
        XCTAssertEqual(events[1].values.map(\.tag), ["rollout/mean100_return", "train/learning_rate"])
        XCTAssertEqual(events[1].values.map(\.value), [21.5, Float(3e-4)])
        XCTAssertEqual(events[2].step, 1 << 40)
        XCTAssertEqual(events[2].values.map(\.value), [-120.75])

        // The framing by hand: length, its masked CRC, data, its masked CRC.
        let length = Int(bytes[0]) | Int(bytes[1]) << 8
        XCTAssertEqual(Array(bytes[2..<8]), [0, 0, 0, 0, 0, 0])
        XCTAssertEqual(TFRecord.readUInt32(bytes, at: 8), CRC32C.masked(bytes[0..<8]))
        XCTAssertEqual(TFRecord.readUInt32(bytes, at: 12 + length), CRC32C.masked(bytes[12..<(12 + length)]))
    }

    func testDamagedRecordsAreDetected() throws {
        let first = TFRecord.frame(Event.scalars([("a", 1)], step: 1, wallTime: 0))
        let bytes = first + TFRecord.frame(Event.version(wallTime: 0))
        var flipped = bytes
        flipped[14] ^= 1
        XCTAssertThrowsError(try TFRecord.records(in: flipped)) { XCTAssertEqual($0 as? TFRecordError, .dataChecksum(offset: 0)) }
        var badLength = bytes
        badLength[0] ^= 4
        XCTAssertThrowsError(try TFRecord.records(in: badLength)) { XCTAssertEqual($0 as? TFRecordError, .lengthChecksum(offset: 0)) }
        XCTAssertThrowsError(try TFRecord.records(in: Array(bytes.dropLast(2)))) {
            XCTAssertEqual($0 as? TFRecordError, .truncated(offset: first.count))
        }
        XCTAssertEqual(try TFRecord.records(in: []), [])
    }

    func testAFileWhereTheDirectoryShouldBeIsRefused() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-tb-file-\(UUID().uuidString)")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        XCTAssertThrowsError(try EventWriter(directory: file.path)) {
            XCTAssertEqual("\($0)", "cannot write TensorBoard events to \(file.path): it is a file, not a directory")
        }
        XCTAssertThrowsError(try EventWriter(directory: file.path + "/sub")) {
            XCTAssertTrue("\($0)".contains("cannot create the directory"), "\($0)")
        }
    }
}

/// An `Event` decoded with a minimal protobuf reader (independent of the writer's encoder).
struct DecodedEvent {
    var wallTime: Double?
    var step: Int64 = 0
    var fileVersion: String?
    var values: [(tag: String, value: Float)] = []

    struct Malformed: Error {}

    init(_ bytes: [UInt8]) throws {
        try Self.fields(bytes) { field, wire, payload in
            switch (field, wire) {
            case (1, 1): wallTime = Double(bitPattern: Self.fixed(payload))
            case (2, 0): step = Int64(bitPattern: Self.fixed(payload))
            case (3, 2): fileVersion = String(decoding: payload, as: UTF8.self)
            case (5, 2):
                try Self.fields(payload) { field, _, value in
                    guard field == 1 else { return }
                    var tag = "", simple: Float = .nan
                    try Self.fields(value) { field, wire, payload in
                        if field == 1, wire == 2 { tag = String(decoding: payload, as: UTF8.self) }
                        if field == 2, wire == 5 { simple = Float(bitPattern: UInt32(Self.fixed(payload))) }
                    }
                    values.append((tag, simple))
                }
            default: throw Malformed()
            }
        }
    }

    /// Little-endian bytes (fixed32/fixed64) or a varint's decoded value, as UInt64.
    static func fixed(_ payload: [UInt8]) -> UInt64 {
        payload.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * $1.offset) }
    }

    /// Calls `body(field, wireType, payload)` per field; a varint's payload is its value's 8 bytes.
    static func fields(_ bytes: [UInt8], _ body: (Int, Int, [UInt8]) throws -> Void) throws {
        var i = 0
        func varint() throws -> UInt64 {
            var value: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard i < bytes.count, shift < 64 else { throw Malformed() }
                let byte = bytes[i]
                i += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }
        while i < bytes.count {
            let key = try varint()
            let field = Int(key >> 3), wire = Int(key & 7)
            let size: Int
            switch wire {
            case 0:
                let value = try varint()
                try body(field, wire, (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) })
                continue
            case 1: size = 8
            case 2: size = Int(try varint())
            case 5: size = 4
            default: throw Malformed()
            }
            guard size >= 0, i + size <= bytes.count else { throw Malformed() }
            try body(field, wire, Array(bytes[i..<(i + size)]))
            i += size
        }
    }
}
