import ArgumentParser
import Agents
import Environments
import Export
import Foundation

/// `a3c export CHECKPOINT --format c --out PATH`: the deterministic policy as a C99 file (with
/// `--header`, its header too), for running it outside Swift.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a checkpoint's policy as a self-contained C99 file.",
        discussion: """
            The C file needs only libm: policy_act, policy_value and policy_reset (see its first comment). Exits with status 1 and a message when the checkpoint is not valid or a file \
            cannot be written; nothing is written then.
            """)

    @Argument(help: "Checkpoint file written by `a3c train --save`.")
    var checkpoint: String

    @Option(help: "The format: c.")
    var format: String

    @Option(help: "The file to write, e.g. policy.c or policy.onnx.")
    var out: String

    @Option(help: "With --format c: also write the header declaring the file's functions here, e.g. policy.h.")
    var header: String?

    func validate() throws {
        do {
            let format = try Export.Format(named: format)
            if header != nil, format != .c { throw ValidationError("--header goes with --format c only") }
        } catch let error as ExportError {
            throw ValidationError(error.description)
        }
        if let header, header == out { throw ValidationError("--header and --out name the same file \(out)") }
    }

    func run() throws {
        let format = try Export.Format(named: self.format)
        let model = try Checkpoint.load(from: checkpoint)
        try Export.checkWritable(out)
        if let header { try Export.checkWritable(header) }
        var origin = Export.Origin(checkpoint: checkpoint)
        if let environment = try? Registry.make(model.envID) {
            try model.checkFits(environment)
            origin.observationSpace = environment.observationSpace.description
            origin.actionSpace = environment.actionSpace.description
        }
        switch format {
        case .c:
            let source = Data(try Export.c(model, origin: origin).utf8)
            let declarations = try header.map { _ in Data(try Export.cHeader(model, origin: origin).utf8) }
            try Export.write(source, to: out)
            print("wrote \(out) (\(source.count) bytes)")
            if let header, let declarations {
                try Export.write(declarations, to: header)
                print("wrote \(header) (\(declarations.count) bytes)")
            }
        }
    }
}
