/// Why a policy could not be exported; nothing is written when it is thrown.
public enum ExportError: Error, Equatable, CustomStringConvertible {
    /// The model's architecture or parameters do not make a valid network.
    case invalidModel(reason: String)
    /// A parameter or observation statistic is NaN or infinite: no exported policy could act with it.
    case nonFinite(tensor: String, index: Int, value: Float)
    case unsupportedFormat(String, supported: [String])
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidModel(let reason): "cannot export the model: \(reason)"
        case let .nonFinite(tensor, index, value): "cannot export the model: \(tensor)[\(index)] is \(value); expected finite values"
        case let .unsupportedFormat(format, supported):
            "unknown export format \"\(format)\"; expected one of \(supported.joined(separator: ", "))"
        case let .unwritable(path, reason): "cannot write \(path): \(reason); nothing was written"
        }
    }
}
