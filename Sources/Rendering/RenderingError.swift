/// Why a picture could not be drawn, read or written; the message names the file and what was expected.
public enum RenderingError: Error, Equatable, CustomStringConvertible {
    case unsupportedExtension(path: String, supported: [String])
    case unwritablePath(String, reason: String)
    case unreadableFile(String, reason: String)
    case malformedFile(String, reason: String)
    case sizeMismatch(expected: String, got: String)
    case library(String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .unsupportedExtension(path, supported):
            "cannot write \"\(path)\": unsupported extension; expected one of \(supported.joined(separator: ", "))"
        case let .unwritablePath(path, reason): "cannot write \"\(path)\": \(reason)"
        case let .unreadableFile(path, reason): "cannot read \"\(path)\": \(reason)"
        case let .malformedFile(path, reason): "\"\(path)\" is not a valid file: \(reason)"
        case let .sizeMismatch(expected, got): "picture size \(got) does not match \(expected)"
        case let .library(message): message
        case let .invalidArgument(message): message
        }
    }
}
