import ArgumentParser
import Foundation
import Agents
import Engine

/// `a3c info CHECKPOINT`: what a checkpoint holds: environment, network, progress, hyperparameters.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a checkpoint's environment, network, training progress and hyperparameters.",
        discussion: "Exits with status 1 and a message when the file is not a valid checkpoint.")

    @Argument(help: "Checkpoint file written by `a3c train --save`.")
    var checkpoint: String

    func run() throws {
        print(try Checkpoint.load(from: checkpoint).info)
    }
}

extension TrainedModel {
    /// Lines describing the model for `a3c info`.
    var info: String {
        let h = hyperparameters
        var lines = [
            "environment:  \(envID)",
            "algorithm:    \(h.algorithm.rawValue.uppercased()), \(h.workers) \(h.algorithm == .a3c ? "workers" : "environments"), seed \(h.seed)",
            "network:      \(architecture.summary); \(parameters.count) parameters, \(architecture.initialization.rawValue) initialisation",
        ]
        if let layout = try? ParameterLayout(architecture) {
            lines.append("tensors:")
            for t in layout.tensors {
                lines.append("  " + t.name.padding(toLength: 22, withPad: " ", startingAt: 0)
                             + "[" + t.shape.map(String.init).joined(separator: ", ") + "]"
                             + "  \(t.count) at \(t.offset)")
            }
        }
        lines += [
            "observations: " + (observationStatistics.map { String(format: "normalised (statistics of %.0f observations)", $0.count) } ?? "raw"),
        ]
        if let progress {
            lines.append(String(format: "trained:      %d steps, %d updates, %d episodes, %.1f s", steps, progress.updates,
                                progress.episodes, progress.seconds))
            lines.append("mean100:      " + (progress.mean100.map { String(format: "%.2f over the last %d episodes", $0, progress.recentReturns.count) } ?? "-"))
            if let best = progress.bestEvaluationReturn { lines.append(String(format: "best eval:    %.2f", best)) }
            lines.append("optimizer:    \(h.optimizer.name)" + (progress.optimizer.map { ", state saved after \($0.stepCount) updates (resumes exactly)" }
                                                                 ?? ", no state saved: a resumed run starts it fresh"))
        } else {
            lines.append("trained:      \(steps) steps (format 1: no optimizer state or counters; a resumed run starts the optimizer fresh)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = (try? encoder.encode(h)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        lines.append("hyperparameters: " + json)
        return lines.joined(separator: "\n")
    }
}
