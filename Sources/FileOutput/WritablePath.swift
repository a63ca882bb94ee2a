import Foundation

/// Checks, before long work starts, that a file can be written at a path the user gave.
public enum WritablePath {
    /// Why no file can be written at `path`, or nil when one can: the path is not a folder, its
    /// folder exists, and a file can really be created there (a probe file, removed at once, so
    /// that read-only mounts and permissions are caught as the write would meet them).
    public static func problem(_ path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            return "it is a directory; give a file name, e.g. \(url.appendingPathComponent("out").path)"
        }
        let folder = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            return "the folder \(folder.path) does not exist"
        }
        let probe = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).probe")
        guard FileManager.default.createFile(atPath: probe.path, contents: Data()) else {
            return "cannot create files in \(folder.path)"
        }
        try? FileManager.default.removeItem(at: probe)
        return nil
    }
}
