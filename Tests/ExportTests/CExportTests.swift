import Agents
import Environments
import Export
import Foundation
import XCTest

/// The exported C, compiled with the system's C compiler, acts as `Policy` does over 1,000 steps.
final class CExportTests: XCTestCase {
    func testDensePolicyActsTheSame() throws { try checkCompiledPolicy(ExportModels.dense) }
    func testConvPolicyActsTheSame() throws { try checkCompiledPolicy(ExportModels.conv) }
    func testRecurrentPolicyActsTheSameOverEpisodes() throws { try checkCompiledPolicy(ExportModels.recurrent) }
    func testGaussianPolicyActsTheSame() throws { try checkCompiledPolicy(ExportModels.gaussian) }

    /// Compiles the exported file (warnings are errors) with a driver that resets at each episode
    /// start, asks `policy_value` then `policy_act`, and prints both; compares with the trace.
    func checkCompiledPolicy(_ model: TrainedModel, file: StaticString = #filePath, line: UInt = #line) throws {
        let trace = try PolicyTrace.record(model, spec: Registry.spec(model.envID), steps: 1000, seed: 11)
        XCTAssertGreaterThan(trace.episodeStarts.filter { $0 }.count, 1, "the trace crosses episodes", file: file, line: line)
        let folder = try folderWithExportedPolicy(model)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.driver.utf8).write(to: folder.appendingPathComponent("driver.c"))
        var input = Data()
        for (start, observation) in zip(trace.episodeStarts, trace.observations) {
            withUnsafeBytes(of: Int32(start ? 1 : 0)) { input.append(contentsOf: $0) }
            observation.withUnsafeBytes { input.append(contentsOf: $0) }
        }
        try input.write(to: folder.appendingPathComponent("trace.bin"))

        try compile("driver.c", in: folder)
        let output = try run(folder.appendingPathComponent("driver").path, ["trace.bin", "\(trace.values.count)"], in: folder)
        let rows = output.split(separator: "\n")
        XCTAssertEqual(rows.count, trace.values.count + 1, file: file, line: line)
        XCTAssertEqual(rows.last, "non-finite refused", file: file, line: line)
        let discrete = model.architecture.policy.kind == .categorical
        var worst: Float = 0
        for (r, row) in rows.dropLast().enumerated() {
            let numbers = row.split(separator: " ").compactMap { Float($0) }
            guard numbers.count == trace.actionWidth + 1 else { return XCTFail("row \(r): \(row)", file: file, line: line) }
            for (a, value) in numbers.dropLast().enumerated() {
                if discrete {
                    XCTAssertEqual(value, trace.actions[r][a], "action at step \(r)", file: file, line: line)
                } else {
                    XCTAssertEqual(value, trace.actions[r][a], accuracy: 1e-5 * max(1, abs(trace.actions[r][a])), "action at step \(r)",
                                   file: file, line: line)
                }
            }
            let expected = trace.values[r]
            worst = max(worst, abs(numbers.last! - expected) / max(1, abs(expected)))
        }
        XCTAssertLessThanOrEqual(worst, 1e-5, "largest relative value difference", file: file, line: line)
    }

    func testRefusesNonFiniteParametersAndWritesNothing() throws {
        var model = ExportModels.dense
        model.parameters[5] = .nan
        XCTAssertThrowsError(try Export.c(model)) { error in
            XCTAssertEqual((error as? ExportError)?.description.contains("actor.0.weight[5] is nan"), true, "\(error)")
        }
    }

    func testUnwritablePathLeavesNoFile() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-folder-\(UUID().uuidString)/policy.c").path
        XCTAssertThrowsError(try Export.write(Data("x".utf8), to: missing)) { error in
            XCTAssertTrue("\(error)".contains("does not exist"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
        XCTAssertThrowsError(try Export.Format(named: "tflite")) { error in
            XCTAssertEqual("\(error)", "unknown export format \"tflite\"; expected one of c, onnx")
        }
    }

    /// The README's C program (Examples/Deploy/cartpole.c) builds against an exported CartPole
    /// policy with the strictest warnings and runs an episode to its end.
    func testDeployExampleBuildsAndRuns() throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Examples/Deploy/cartpole.c").standardized
        let folder = try folderWithExportedPolicy(ExportModels.dense)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: example, to: folder.appendingPathComponent("cartpole.c"))
        try compile("cartpole.c", in: folder)
        let output = try run(folder.appendingPathComponent("cartpole").path, [], in: folder)
        let steps = try XCTUnwrap(Int(output.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst("return ".count)), output)
        XCTAssertTrue(output.hasPrefix("return ") && (1...500).contains(steps), output)
    }

    func testFileDescribesItsOrigin() throws {
        let source = try Export.c(ExportModels.recurrent, origin: .init(checkpoint: "runs/x.json", observationSpace: "Box(4)", actionSpace: "Discrete(2)"))
        for expected in ["checkpoint:  runs/x.json", "environment: CartPoleNoVel-v1", "observation: Box(4), 4 floats",
                         "action:      Discrete(2)", "torso lstm:12,lstm:8", "#define POLICY_STATE_SIZE 40"] {
            XCTAssertTrue(source.contains(expected), expected)
        }
    }

    /// A new folder holding `model` exported as policy.c and policy.h; the caller removes it.
    func folderWithExportedPolicy(_ model: TrainedModel) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("c-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Export.write(Data(try Export.c(model).utf8), to: folder.appendingPathComponent("policy.c").path)
        try Export.write(Data(try Export.cHeader(model).utf8), to: folder.appendingPathComponent("policy.h").path)
        return folder
    }

    /// Builds `program` (NAME.c) with policy.c into NAME in `folder`, C99 with every warning an error.
    func compile(_ program: String, in folder: URL) throws {
        let executable = String(program.dropLast(2))
        try run("/usr/bin/env", ["cc", "-std=c99", "-O2", "-Wall", "-Wextra", "-Werror", "-pedantic", "-o", executable,
                                 program, "policy.c", "-lm"], in: folder)
    }

    @discardableResult
    func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "CExportTests", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "\(executable) \(arguments) failed: \(message)"])
        }
        return text
    }

    /// Reads (start flag, observation) rows; prints the action values and the value per row, then
    /// checks that a NaN observation is refused.
    static let driver = """
        #include <math.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include "policy.h"

        int main(int argc, char **argv) {
            float observation[POLICY_OBSERVATION_SIZE], action[POLICY_ACTION_SIZE];
            FILE *in = argc == 3 ? fopen(argv[1], "rb") : NULL;
            if (!in) return 3;
            int rows = atoi(argv[2]);
            for (int r = 0; r < rows; r++) {
                int start;
                if (fread(&start, sizeof start, 1, in) != 1) return 4;
                if (fread(observation, sizeof(float), POLICY_OBSERVATION_SIZE, in) != POLICY_OBSERVATION_SIZE) return 4;
                if (start) policy_reset();
                float value = policy_value(observation);
                if (policy_act(observation, action) != 0) return 5;
                for (int a = 0; a < POLICY_ACTION_SIZE; a++) printf("%.9g ", action[a]);
                printf("%.9g\\n", value);
            }
            observation[0] = NAN;
            if (policy_act(observation, action) == 1 && isnan(policy_value(observation))) printf("non-finite refused\\n");
            return 0;
        }
        """
}
