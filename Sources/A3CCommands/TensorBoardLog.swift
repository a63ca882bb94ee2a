import Foundation
import Agents
import TensorBoard

/// `a3c train --tensorboard DIR`: progress reports and evaluations as TensorBoard scalars against
/// env steps. Opened before training, so a directory that cannot be written stops the run before
/// its first step; a write that fails later is reported once and ends the logging, not the run.
final class TensorBoardLog {
    private var writer: EventWriter?
    let path: String

    init(directory: String) throws(TensorBoardError) {
        let writer = try EventWriter(directory: directory)
        self.writer = writer
        path = writer.path
    }

    /// One progress interval's metrics (`ProgressReport.scalars`).
    func record(_ report: ProgressReport) {
        add(report.scalars, step: report.steps)
    }

    /// One evaluation's return, at the env steps of the model it evaluated.
    func record(_ evaluation: EvaluationSummary, step: Int) {
        add(evaluation.scalars, step: step)
    }

    private func add(_ scalars: [(tag: String, value: Double)], step: Int) {
        do { try writer?.add(scalars, step: step) } catch {
            print("a3c: \(error); no further TensorBoard events")
            writer = nil
        }
    }
}
