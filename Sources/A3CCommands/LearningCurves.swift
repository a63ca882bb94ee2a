import Foundation
import Agents
import Environments
import Plotting

/// The horizontal axis of `a3c plot`.
enum CurveAxis: String, CaseIterable, Sendable {
    case steps, seconds

    var label: String { self == .steps ? "environment steps" : "wall seconds" }
}

/// Learning curves of progress logs (`a3c train --log`): the mean100 return against env steps or
/// wall seconds, one line per log, the reward threshold dashed.
enum LearningCurves {
    /// The chart of `logs`, each labelled by its file name (its path where two names are equal).
    static func chart(_ logs: [ProgressLog], axis: CurveAxis, threshold: Double?, title: String) throws(ProgressLogError) -> LineChart {
        let names = logs.map { URL(fileURLWithPath: $0.path).lastPathComponent }
        var legend: [LineChart.LegendEntry] = []
        var series: [LineChart.Series] = []
        for (index, log) in logs.enumerated() {
            let points = log.rows.compactMap { row in
                row.mean100.map { LineChart.Point(x: axis == .steps ? row.steps : row.seconds, y: $0) }
            }
            guard !points.isEmpty else {
                throw .malformed(path: log.path, line: 2, reason: "no row has a mean100_return (no episode had ended yet); " +
                                 "nothing to plot")
            }
            let colour = LineChart.palette[index % LineChart.palette.count]
            series.append(LineChart.Series(points: points, colour: colour))
            let name = names.filter { $0 == names[index] }.count > 1 ? log.path : names[index]
            legend.append(LineChart.LegendEntry(label: name, colour: colour))
        }
        let line = threshold.map { LineChart.Threshold(value: $0, label: "threshold \(LineChart.label($0, among: []))") }
        if line != nil { legend.append(LineChart.LegendEntry(label: "threshold", colour: LineChart.thresholdColour, dashed: true)) }
        return LineChart(panels: [LineChart.Panel(title: title, xLabel: axis.label, yLabel: "mean return of the last 100 episodes",
                                                  series: series, threshold: line)],
                         legend: legend)
    }

    /// The threshold to mark: `given`, else that of environment `envID`, else that of the
    /// environment every log is named after (`runs/CartPole-v1.csv`, as `make train` writes), else none.
    static func threshold(given: Double?, envID: String?, paths: [String]) throws(EnvironmentError) -> Double? {
        if let given { return given }
        if let envID { return try Registry.spec(envID).rewardThreshold }
        let stems = Set(paths.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent })
        guard stems.count == 1, let stem = stems.first, let spec = try? Registry.spec(stem) else { return nil }
        return spec.rewardThreshold
    }
}
