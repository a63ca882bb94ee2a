import ArgumentParser
import Foundation
import Agents

/// `a3c plot LOG.csv ... --out curves.svg`: learning curves of `a3c train --log` files as SVG.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw the mean100 return of training logs against env steps or wall seconds, as SVG.",
        discussion: "The threshold line is --threshold, else the reward threshold of --env, else that of the " +
            "environment the logs are named after (runs/CartPole-v1.csv, as `make train` writes).")

    @Argument(help: ArgumentHelp("CSV logs written by `a3c train --log`; one line each.", valueName: "log.csv"))
    var logs: [String] = []
    @Option(help: ArgumentHelp("The SVG file to write.", valueName: "file.svg"))
    var out: String
    @Option(help: "Horizontal axis: steps (environment steps) or seconds (wall seconds).")
    var x: CurveAxis = .steps
    @Option(help: "Mark this mean return as the threshold.")
    var threshold: Double?
    @Option(help: "Mark this environment's reward threshold.")
    var env: String?
    @Option(help: "Title above the plot (default: the environment, or \"learning curves\").")
    var title: String?

    func validate() throws {
        if logs.isEmpty { throw ValidationError("give at least one log file (written by `a3c train --log`)") }
        if let threshold, !threshold.isFinite { throw ValidationError("--threshold must be a finite number, got \(threshold)") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationErrorMessage("cannot write \(out): the folder \(folder) does not exist")
        }
        let read = try logs.map { path throws(ProgressLogError) in try ProgressLog(contentsOf: path) }
        let line = try LearningCurves.threshold(given: threshold, envID: env, paths: logs)
        let chart = try LearningCurves.chart(read, axis: x, threshold: line, title: title ?? env ?? "learning curves")
        do {
            try Data(chart.svg().document.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw ValidationErrorMessage("cannot write \(out): \(error.localizedDescription)")
        }
        print("wrote \(out): \(logs.count) curve\(logs.count == 1 ? "" : "s") against \(x.label)" +
              (line.map { ", threshold \($0)" } ?? ", no threshold (give --threshold or --env)"))
    }
}

extension CurveAxis: ExpressibleByArgument {}
