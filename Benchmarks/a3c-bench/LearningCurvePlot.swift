import Agents
import Foundation

/// The solve section's learning curves as an SVG: mean100 return against wall seconds, one
/// polyline per seed, A3C and A2C in two colours, the threshold dashed, one panel per environment.
enum LearningCurvePlot {
    static let colours: [Algorithm: String] = [.a3c: "#d62728", .a2c: "#1f77b4"]
    static let panelWidth = 560.0, panelHeight = 380.0, legendHeight = 36.0
    /// Space around each panel's plotting area for the title, ticks and axis labels.
    static let margin = (left: 72.0, right: 24.0, top: 40.0, bottom: 56.0)

    static func write(_ figures: SolveBenchmark.Figures, to path: String) throws {
        try Report.write(Data(svg(figures).document.utf8), to: URL(fileURLWithPath: path))
    }

    static func svg(_ figures: SolveBenchmark.Figures) -> SVG {
        var svg = SVG(width: panelWidth * Double(max(figures.envs.count, 1)), height: legendHeight + panelHeight)
        svg.rect(x: 0, y: 0, width: svg.width, height: svg.height, fill: "white")
        drawLegend(into: &svg)
        for (index, env) in figures.envs.enumerated() {
            drawPanel(env, figures: figures, left: panelWidth * Double(index), top: legendHeight, into: &svg)
        }
        return svg
    }

    static func drawLegend(into svg: inout SVG) {
        var x = margin.left
        let y = legendHeight / 2 + 4
        for algorithm in Algorithm.allCases {
            svg.line(x1: x, y1: y - 4, x2: x + 28, y2: y - 4, stroke: colours[algorithm]!, width: 2.5)
            svg.text("\(algorithm.rawValue.uppercased()), one line per seed", x: x + 34, y: y)
            x += 180
        }
        svg.line(x1: x, y1: y - 4, x2: x + 28, y2: y - 4, stroke: "#444", width: 1.5, dash: "6 4")
        svg.text("threshold", x: x + 34, y: y)
    }

    static func drawPanel(_ env: SolveBenchmark.EnvFigures, figures: SolveBenchmark.Figures, left: Double, top: Double,
                         into svg: inout SVG) {
        let plot = (x: left + margin.left, y: top + margin.top,
                    width: panelWidth - margin.left - margin.right, height: panelHeight - margin.top - margin.bottom)
        let runs = env.groups.flatMap(\.runs)
        let xRange = (0.0, max(runs.map(\.seconds).max() ?? 1, 1e-3))
        let values = runs.flatMap { $0.curve.map(\.mean100) } + [env.threshold]
        let (low, high) = (values.min()!, values.max()!)
        let pad = max((high - low) * 0.05, 1)
        let yRange = (low - pad, high + pad)
        func px(_ seconds: Double) -> Double { plot.x + (seconds - xRange.0) / (xRange.1 - xRange.0) * plot.width }
        func py(_ value: Double) -> Double { plot.y + plot.height - (value - yRange.0) / (yRange.1 - yRange.0) * plot.height }

        svg.text("\(env.envID): \(SolveBenchmark.seedRange(figures.seeds)), \(Report.plural(figures.workers, "worker"))",
                 x: plot.x + plot.width / 2, y: top + 24, size: 14, anchor: .middle, bold: true)
        svg.rect(x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: "none", stroke: "#888")
        let xTicks = ticks(xRange.0, xRange.1), yTicks = ticks(yRange.0, yRange.1)
        for tick in xTicks {
            svg.line(x1: px(tick), y1: plot.y + plot.height, x2: px(tick), y2: plot.y + plot.height + 5, stroke: "#444")
            svg.text(label(tick, among: xTicks), x: px(tick), y: plot.y + plot.height + 19, size: 11,
                     anchor: .middle)
        }
        for tick in yTicks {
            svg.line(x1: plot.x, y1: py(tick), x2: plot.x + plot.width, y2: py(tick), stroke: "#eee")
            svg.line(x1: plot.x - 5, y1: py(tick), x2: plot.x, y2: py(tick), stroke: "#444")
            svg.text(label(tick, among: yTicks), x: plot.x - 8, y: py(tick) + 4, size: 11, anchor: .end)
        }
        svg.text("wall seconds", x: plot.x + plot.width / 2, y: plot.y + plot.height + 42, size: 12, anchor: .middle)
        svg.text("mean return of the last 100 episodes", x: left + 18, y: plot.y + plot.height / 2, size: 12,
                 anchor: .middle, rotation: -90)

        svg.line(x1: plot.x, y1: py(env.threshold), x2: plot.x + plot.width, y2: py(env.threshold), stroke: "#444",
                 width: 1.5, dash: "6 4")
        svg.text("threshold \(label(env.threshold, among: []))", x: plot.x + plot.width - 4, y: py(env.threshold) + 14,
                 size: 11, anchor: .end)
        for group in env.groups {
            for run in group.runs {
                svg.polyline(run.curve.map { (px($0.seconds), py($0.mean100)) }, stroke: colours[group.algorithm]!,
                             opacity: 0.75)
            }
        }
    }

    /// About six round tick values (steps of 1, 2 or 5 × 10ᵏ) within `low...high`.
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        let raw = (high - low) / 6
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw }!
        return Array(stride(from: (low / step).rounded(.up) * step, through: high, by: step))
    }

    /// `value` with as many decimals as the spacing of `ticks` needs.
    static func label(_ value: Double, among ticks: [Double]) -> String {
        let step = ticks.count >= 2 ? ticks[1] - ticks[0] : 1
        let decimals = max(0, Int((-log10(step)).rounded(.up)))
        return String(format: "%.\(decimals)f", value == 0 ? 0 : value)
    }
}
