/// A small, self-contained SVG writer: shapes and text appended in drawing order (later on top),
/// coordinates in pixels from the top-left corner.
public struct SVG: Sendable {
    public enum Anchor: String, Sendable {
        case start, middle, end
    }

    public let width: Double
    public let height: Double
    private var elements: [String] = []

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The whole document.
    public var document: String {
        let open = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" " +
            "viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"sans-serif\">"
        return ([open] + elements + ["</svg>"]).joined(separator: "\n") + "\n"
    }

    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil) {
        elements.append("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" " +
                        "fill=\"\(fill)\"\(stroke.map { " stroke=\"\($0)\"" } ?? "")/>")
    }

    /// A straight line; `dash` is an SVG dash array such as `"6 4"`.
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                              dash: String? = nil) {
        elements.append("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" " +
                        "stroke-width=\"\(n(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>")
    }

    /// An open path through `points` (one `<path>` element; nothing for no points).
    public mutating func path(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 1.5, opacity: Double = 1) {
        guard let first = points.first else { return }
        let data = "M\(n(first.x)) \(n(first.y))" + points.dropFirst().map { " L\(n($0.x)) \(n($0.y))" }.joined()
        elements.append("<path d=\"\(data)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\" " +
                        "stroke-opacity=\"\(n(opacity))\" stroke-linejoin=\"round\"/>")
    }

    /// Text at (`x`, `y`) on its baseline, rotated by `rotation` degrees about that point.
    public mutating func text(_ string: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
                              rotation: Double = 0, bold: Bool = false) {
        let transform = rotation == 0 ? "" : " transform=\"rotate(\(n(rotation)) \(n(x)) \(n(y)))\""
        elements.append("<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor.rawValue)\"" +
                        "\(bold ? " font-weight=\"bold\"" : "")\(transform)>\(Self.escape(string))</text>")
    }

    /// A coordinate with at most two decimals and no trailing zeros.
    private func n(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }

    /// `string` with XML's special characters escaped, for text and attribute values.
    public static func escape(_ string: String) -> String {
        var escaped = ""
        for character in string {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
