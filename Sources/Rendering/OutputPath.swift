import FileOutput
import Foundation

/// The kinds of picture file this module writes, chosen by the output path's extension.
public enum PictureFormat: String, Sendable, CaseIterable {
    /// One frame.
    case png
    /// Every recorded frame, animated.
    case gif

    /// The format `path`'s extension names (case-insensitive), after checking that the file can
    /// be written there: the folder exists and is writable, and the path is not a folder.
    /// Throws with the supported extensions otherwise. Nothing is created.
    public static func checkedOutput(_ path: String) throws(RenderingError) -> PictureFormat {
        let url = URL(fileURLWithPath: path)
        guard let format = PictureFormat(rawValue: url.pathExtension.lowercased()) else {
            throw .unsupportedExtension(path: path, supported: allCases.map { ".\($0.rawValue)" })
        }
        try checkWritable(path)
        return format
    }

    /// Throws with `WritablePath`'s reason unless a file can be written at `path`.
    static func checkWritable(_ path: String) throws(RenderingError) {
        if let reason = WritablePath.problem(path) { throw .unwritablePath(path, reason: reason) }
    }
}

/// A file written beside its destination and renamed over it only when complete, so that a
/// failed write never destroys a previous file.
struct StagedFile {
    let destination: String
    let temporary: String

    init(destination: String) {
        self.destination = destination
        let url = URL(fileURLWithPath: destination)
        temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
    }

    /// Moves the finished temporary file over the destination.
    func commit() throws(RenderingError) {
        guard rename(temporary, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw .unwritablePath(destination, reason: reason)
        }
    }

    /// Removes the temporary file.
    func discard() { unlink(temporary) }
}
