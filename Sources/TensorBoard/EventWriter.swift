import Foundation
import Synchronization

/// Writes scalars to a new TensorBoard event file in a directory (`tensorboard --logdir DIR`
/// shows them). Each call appends one framed event and hands it to the OS at once, so TensorBoard
/// sees a run while it trains and a killed run keeps everything written before.
///
/// Not thread-safe: one thread (the one that receives progress reports) owns a writer.
public final class EventWriter {
    /// The event file: `DIR/events.out.tfevents.SECONDS.HOST.PID.N` (N counts the writers of this
    /// process, so two in the same second do not share a file).
    public let path: String
    private let handle: FileHandle
    private static let created = Atomic<Int>(0)

    /// Creates `directory` if needed and a new event file in it, and writes the file-version
    /// event; throws, before any training, when either cannot be written.
    public init(directory: String, wallTime: Double = Date().timeIntervalSince1970) throws(TensorBoardError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .unwritable(path: directory, reason: "it is a file, not a directory")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .unwritable(path: directory, reason: "cannot create the directory (\(error.localizedDescription))")
        }
        let host = ProcessInfo.processInfo.hostName.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
        let name = "events.out.tfevents.\(Int(wallTime)).\(host.isEmpty ? "localhost" : host)." +
            "\(ProcessInfo.processInfo.processIdentifier).\(Self.created.wrappingAdd(1, ordering: .relaxed).oldValue)"
        path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw .unwritable(path: directory, reason: "cannot create files in it")
        }
        self.handle = handle
        try write(Event.version(wallTime: wallTime))
    }

    deinit { try? handle.close() }

    /// Appends one event holding `scalars` at `step` (TensorBoard's horizontal axis).
    public func add(_ scalars: [(tag: String, value: Double)], step: Int,
                    wallTime: Double = Date().timeIntervalSince1970) throws(TensorBoardError) {
        guard !scalars.isEmpty else { return }
        try write(Event.scalars(scalars.map { ($0.tag, Float($0.value)) }, step: Int64(step), wallTime: wallTime))
    }

    private func write(_ event: [UInt8]) throws(TensorBoardError) {
        do { try handle.write(contentsOf: TFRecord.frame(event)) } catch {
            throw .unwritable(path: path, reason: error.localizedDescription)
        }
    }
}

/// Why an event file could not be written.
public enum TensorBoardError: Error, Equatable, CustomStringConvertible {
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unwritable(path, reason): "cannot write TensorBoard events to \(path): \(reason)"
        }
    }
}
