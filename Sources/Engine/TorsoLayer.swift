import Foundation

/// One layer of a network's torso: the layers that actor and critic share before their own towers.
///
/// Dense and conv layers apply the architecture's activation; an LSTM outputs its hidden state h;
/// flatten only reshapes (channels-last memory is already flat), and is implied before a dense or
/// LSTM layer that follows a conv and at the torso's end.
public enum TorsoLayer: Codable, Equatable, Sendable, CustomStringConvertible {
    /// y = f(x·Wᵀ + b) with `units` outputs.
    case dense(units: Int)
    /// `filters` filters of `kernel` × `kernel` over a channels-last (height, width, channels)
    /// input, moved `stride` cells at a time, no padding.
    case conv2d(filters: Int, kernel: Int, stride: Int)
    /// PyTorch's `nn.LSTM` with `units` cells: gates i, f, g, o; the output is h.
    case lstm(units: Int)
    /// (height, width, channels) → (height·width·channels).
    case flatten

    /// The `--torso` spelling: `dense:128`, `conv:16:3`, `conv:16:3:2`, `lstm:64`, `flatten`.
    public var description: String {
        switch self {
        case .dense(let units): "dense:\(units)"
        case let .conv2d(filters, kernel, stride): stride == 1 ? "conv:\(filters):\(kernel)" : "conv:\(filters):\(kernel):\(stride)"
        case .lstm(let units): "lstm:\(units)"
        case .flatten: "flatten"
        }
    }

    public var isRecurrent: Bool {
        if case .lstm = self { return true }
        return false
    }

    /// What `--torso` expects, for error messages.
    public static let syntax = "a comma list of dense:UNITS, conv:FILTERS:KERNEL[:STRIDE], lstm:UNITS and flatten, e.g. conv:16:3,dense:128"

    /// Parses one layer; the error names the text and the expected forms.
    public init(parsing text: String) throws(ShapeError) {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        func number(_ index: Int, _ name: String) throws(ShapeError) -> Int {
            guard let value = Int(fields[index]), value > 0 else {
                throw ShapeError("torso layer \(text.debugDescription): \(name) must be a positive whole number, got \(fields[index].debugDescription)")
            }
            return value
        }
        switch (fields[0].lowercased(), fields.count) {
        case ("dense", 2): self = .dense(units: try number(1, "units"))
        case ("lstm", 2): self = .lstm(units: try number(1, "units"))
        case ("conv", 3): self = .conv2d(filters: try number(1, "filters"), kernel: try number(2, "kernel"), stride: 1)
        case ("conv", 4): self = .conv2d(filters: try number(1, "filters"), kernel: try number(2, "kernel"), stride: try number(3, "stride"))
        case ("flatten", 1): self = .flatten
        default: throw ShapeError("torso layer \(text.debugDescription) is not one of dense:UNITS, conv:FILTERS:KERNEL[:STRIDE], lstm:UNITS, flatten")
        }
    }

    /// Parses `--torso`'s comma list; an empty text is no torso.
    public static func parseList(_ text: String) throws(ShapeError) -> [TorsoLayer] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed == "none" { return [] }
        var layers: [TorsoLayer] = []
        for item in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            layers.append(try TorsoLayer(parsing: String(item)))
        }
        return layers
    }
}
