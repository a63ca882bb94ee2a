import ArgumentParser
import Agents
import Environments
import Export
import Foundation

/// `a3c export CHECKPOINT --format c|onnx --out PATH`: the deterministic policy as a C99 file (with
/// `--header`, its header too) or an ONNX model, for running it outside Swift; `--trace` also
/// records what the policy does in its environment, for checking the exported file against it.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a checkpoint's policy as a self-contained C99 file or an ONNX model.",
        discussion: """
            The C file needs only libm: policy_act, policy_value and policy_reset (see its first comment). The ONNX model (opset \(Export.onnxOpset)) takes \
            the raw observation (and the recurrent state) and gives action, logits or mean, value (and the next state). Exits with status 1 and a message \
            when the checkpoint is not valid or a file cannot be written; nothing is written then.
            """)

    @Argument(help: "Checkpoint file written by `a3c train --save`.")
    var checkpoint: String

    @Option(help: "The format: c or onnx.")
    var format: String

    @Option(help: "The file to write, e.g. policy.c or policy.onnx.")
    var out: String

    @Option(help: "With --format c: also write the header declaring the file's functions here, e.g. policy.h.")
    var header: String?

    @Option(help: "Also write, as JSON, what the policy does over --trace-steps steps of its environment (observations, episode starts, actions, values).")
    var trace: String?

    @Option(help: "Steps in the trace (1 to \(PolicyTrace.maxSteps)).")
    var traceSteps: Int = 1000

    @Option(help: "Seed of the trace's first episode (episode k: seed + k).")
    var traceSeed: UInt64 = 0

    func validate() throws {
        do {
            let format = try Export.Format(named: format)
            if header != nil, format != .c { throw ValidationError("--header goes with --format c only") }
        } catch let error as ExportError {
            throw ValidationError(error.description)
        }
        let paths = [out] + [header, trace].compactMap { $0 }
        if Set(paths).count < paths.count { throw ValidationError("--out, --header and --trace must name different files, got \(paths.joined(separator: ", "))") }
        guard (1...PolicyTrace.maxSteps).contains(traceSteps) else {
            throw ValidationError("--trace-steps must be 1 to \(PolicyTrace.maxSteps), got \(traceSteps)")
        }
    }

    func run() throws {
        let format = try Export.Format(named: self.format)
        let model = try Checkpoint.load(from: checkpoint)
        try Export.checkWritable(out)
        for path in [header, trace].compactMap({ $0 }) { try Export.checkWritable(path) }
        var origin = Export.Origin(checkpoint: checkpoint)
        let environment = try? Registry.make(model.envID)
        if trace != nil, environment == nil {
            throw ValidationError("--trace runs the policy in \(model.envID), which is not registered here")
        }
        if let environment {
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
        case .onnx:
            let file = try Export.onnx(model, origin: origin)
            try Export.write(file, to: out)
            print("wrote \(out) (\(file.count) bytes)")
        }
        if let trace {
            let recorded = try PolicyTrace.record(model, spec: try Registry.spec(model.envID), steps: traceSteps, seed: traceSeed)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            try Export.write(try encoder.encode(recorded), to: trace)
            print("wrote \(trace) (\(traceSteps) steps from seed \(traceSeed))")
        }
    }
}
