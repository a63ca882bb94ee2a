import Agents
import Foundation
import Plotting

/// The solve section's learning curves as an SVG: mean100 return against wall seconds, one line
/// per seed, A3C and A2C in two colours, the threshold dashed, one panel per environment.
enum LearningCurvePlot {
    static let colours: [Algorithm: String] = [.a3c: "#d62728", .a2c: "#1f77b4"]

    static func write(_ figures: SolveBenchmark.Figures, to path: String) throws {
        try Report.write(Data(chart(figures).svg().document.utf8), to: URL(fileURLWithPath: path))
    }

    static func chart(_ figures: SolveBenchmark.Figures) -> LineChart {
        let legend = Algorithm.allCases.map {
            LineChart.LegendEntry(label: "\($0.rawValue.uppercased()), one line per seed", colour: colours[$0]!)
        } + [LineChart.LegendEntry(label: "threshold", colour: LineChart.thresholdColour, dashed: true)]
        let panels = figures.envs.map { env in
            LineChart.Panel(
                title: "\(env.envID): \(SolveBenchmark.seedRange(figures.seeds)), \(Report.plural(figures.workers, "worker"))",
                xLabel: "wall seconds", yLabel: "mean return of the last 100 episodes",
                series: env.groups.flatMap { group in
                    group.runs.map { run in
                        LineChart.Series(points: run.curve.map { LineChart.Point(x: $0.seconds, y: $0.mean100) },
                                         colour: colours[group.algorithm]!, opacity: 0.75)
                    }
                },
                threshold: LineChart.Threshold(value: env.threshold,
                                               label: "threshold \(LineChart.label(env.threshold, among: []))"))
        }
        return LineChart(panels: panels, legend: legend)
    }
}
