import Foundation

/// Line charts as SVG: one or more panels side by side, each with its axes, round ticks, an
/// optional dashed threshold and any number of series, and one legend above them all. Enough for
/// learning curves (mean return against steps or seconds); not a general plotting library.
public struct LineChart: Sendable {
    /// A point in data coordinates.
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public init(x: Double, y: Double) { self.x = x; self.y = y }
    }

    /// One line; drawn as one `<path>` element.
    public struct Series: Sendable {
        public var points: [Point]
        public var colour: String
        public var opacity: Double
        public init(points: [Point], colour: String, opacity: Double = 1) {
            self.points = points
            self.colour = colour
            self.opacity = opacity
        }
    }

    /// A horizontal dashed line with a label, e.g. an environment's reward threshold.
    public struct Threshold: Sendable {
        public var value: Double
        public var label: String
        public init(value: Double, label: String) { self.value = value; self.label = label }
    }

    /// One plotting area with its title and axis labels.
    public struct Panel: Sendable {
        public var title: String
        public var xLabel: String
        public var yLabel: String
        public var series: [Series]
        public var threshold: Threshold?
        public init(title: String, xLabel: String, yLabel: String, series: [Series], threshold: Threshold? = nil) {
            self.title = title
            self.xLabel = xLabel
            self.yLabel = yLabel
            self.series = series
            self.threshold = threshold
        }
    }

    /// A legend item: a short line in `colour` (dashed if `dashed`) and its label.
    public struct LegendEntry: Sendable {
        public var label: String
        public var colour: String
        public var dashed: Bool
        public init(label: String, colour: String, dashed: Bool = false) {
            self.label = label
            self.colour = colour
            self.dashed = dashed
        }
    }

    /// Distinguishable colours for series that have no colour of their own (matplotlib's "tab10").
    public static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                                 "#7f7f7f", "#bcbd22", "#17becf"]
    public static let thresholdColour = "#444"

    public var panels: [Panel]
    public var legend: [LegendEntry]
    public var panelWidth: Double
    public var panelHeight: Double
    /// Space around each panel's plotting area for the title, ticks and axis labels.
    static let margin = (left: 72.0, right: 24.0, top: 40.0, bottom: 56.0)
    static let legendRowHeight = 22.0

    public init(panels: [Panel], legend: [LegendEntry], panelWidth: Double = 560, panelHeight: Double = 380) {
        self.panels = panels
        self.legend = legend
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
    }

    /// The chart drawn; `svg().document` is the file's text.
    public func svg() -> SVG {
        let width = panelWidth * Double(max(panels.count, 1))
        let rows = legendRows(width: width)
        let legendHeight = Double(rows.count) * Self.legendRowHeight + 14
        var svg = SVG(width: width, height: legendHeight + panelHeight)
        svg.rect(x: 0, y: 0, width: svg.width, height: svg.height, fill: "white")
        for (index, row) in rows.enumerated() {
            let y = Double(index) * Self.legendRowHeight + 22
            for (x, entry) in row {
                svg.line(x1: x, y1: y - 4, x2: x + 28, y2: y - 4, stroke: entry.colour, width: entry.dashed ? 1.5 : 2.5,
                         dash: entry.dashed ? "6 4" : nil)
                svg.text(entry.label, x: x + 34, y: y)
            }
        }
        for (index, panel) in panels.enumerated() {
            draw(panel, left: panelWidth * Double(index), top: legendHeight, into: &svg)
        }
        return svg
    }

    /// The legend laid out in rows that fit `width`: each entry with its left edge.
    func legendRows(width: Double) -> [[(x: Double, entry: LegendEntry)]] {
        var rows: [[(x: Double, entry: LegendEntry)]] = [[]]
        var x = Self.margin.left
        for entry in legend {
            let entryWidth = 34 + 7 * Double(entry.label.count) + 24  // about 7 px per character at 12 px
            if x + entryWidth > width - Self.margin.right, !rows[rows.count - 1].isEmpty {
                rows.append([])
                x = Self.margin.left
            }
            rows[rows.count - 1].append((x, entry))
            x += entryWidth
        }
        return rows
    }

    func draw(_ panel: Panel, left: Double, top: Double, into svg: inout SVG) {
        let m = Self.margin
        let plot = (x: left + m.left, y: top + m.top, width: panelWidth - m.left - m.right,
                    height: panelHeight - m.top - m.bottom)
        let points = panel.series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let xRange = Self.range(points.map(\.x), including: [0], pad: 0)
        let yRange = Self.range(points.map(\.y), including: panel.threshold.map { [$0.value] } ?? [], pad: 0.05)
        func px(_ x: Double) -> Double { plot.x + (x - xRange.low) / (xRange.high - xRange.low) * plot.width }
        func py(_ y: Double) -> Double { plot.y + plot.height - (y - yRange.low) / (yRange.high - yRange.low) * plot.height }

        svg.text(panel.title, x: plot.x + plot.width / 2, y: top + 24, size: 14, anchor: .middle, bold: true)
        svg.rect(x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: "none", stroke: "#888")
        let xTicks = Self.ticks(xRange.low, xRange.high), yTicks = Self.ticks(yRange.low, yRange.high)
        for tick in xTicks {
            svg.line(x1: px(tick), y1: plot.y + plot.height, x2: px(tick), y2: plot.y + plot.height + 5, stroke: "#444")
            svg.text(Self.label(tick, among: xTicks), x: px(tick), y: plot.y + plot.height + 19, size: 11, anchor: .middle)
        }
        for tick in yTicks {
            svg.line(x1: plot.x, y1: py(tick), x2: plot.x + plot.width, y2: py(tick), stroke: "#eee")
            svg.line(x1: plot.x - 5, y1: py(tick), x2: plot.x, y2: py(tick), stroke: "#444")
            svg.text(Self.label(tick, among: yTicks), x: plot.x - 8, y: py(tick) + 4, size: 11, anchor: .end)
        }
        svg.text(panel.xLabel, x: plot.x + plot.width / 2, y: plot.y + plot.height + 42, size: 12, anchor: .middle)
        svg.text(panel.yLabel, x: left + 18, y: plot.y + plot.height / 2, size: 12, anchor: .middle, rotation: -90)

        if let threshold = panel.threshold {
            svg.line(x1: plot.x, y1: py(threshold.value), x2: plot.x + plot.width, y2: py(threshold.value),
                     stroke: Self.thresholdColour, width: 1.5, dash: "6 4")
            svg.text(threshold.label, x: plot.x + plot.width - 4, y: py(threshold.value) + 14, size: 11, anchor: .end)
        }
        for series in panel.series {
            let visible = series.points.filter { $0.x.isFinite && $0.y.isFinite }
            svg.path(visible.map { (px($0.x), py($0.y)) }, stroke: series.colour, opacity: series.opacity)
        }
    }

    /// The span of `values` and `extra`, widened by `pad` of itself on both sides (at least 1 when
    /// padded); never empty, so that a single point or no point still draws.
    static func range(_ values: [Double], including extra: [Double], pad: Double) -> (low: Double, high: Double) {
        let all = values + extra
        guard var low = all.min(), var high = all.max() else { return (0, 1) }
        if pad > 0 {
            let margin = max((high - low) * pad, 1)
            low -= margin
            high += margin
        }
        if high - low < 1e-9 * max(abs(low), 1) { high = low + max(abs(low), 1) }
        return (low, high)
    }

    /// About six round tick values (steps of 1, 2 or 5 × 10ᵏ) within `low...high` (`low < high`).
    public static func ticks(_ low: Double, _ high: Double) -> [Double] {
        let raw = (high - low) / 6
        guard raw > 0, raw.isFinite else { return [low] }
        let magnitude = pow(10, log10(raw).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw }!
        return Array(stride(from: (low / step).rounded(.up) * step, through: high, by: step))
    }

    /// `value` with as many decimals as the spacing of `ticks` needs; in millions (M) from a largest
    /// tick of 10⁶, in thousands (k) from 10⁴ (env steps grow so large; returns rarely do).
    public static func label(_ value: Double, among ticks: [Double]) -> String {
        let step = ticks.count >= 2 ? ticks[1] - ticks[0] : 1
        let largest = ticks.map(abs).max() ?? abs(value)
        if value == 0 { return "0" }
        for (scale, from, suffix) in [(1e6, 1e6, "M"), (1e3, 1e4, "k")] where largest >= from && step >= scale / 100 {
            let decimals = max(0, Int((-log10(step / scale)).rounded(.up)))
            return String(format: "%.\(decimals)f", value / scale) + suffix
        }
        let decimals = max(0, Int((-log10(step)).rounded(.up)))
        return String(format: "%.\(decimals)f", value)
    }
}
