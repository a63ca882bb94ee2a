import ArgumentParser
import Environments
import Foundation

/// `a3c check-env ID --fixture FILE`: replays a reference recording against the native environment.
struct CheckEnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-env",
        abstract: "Replay a recorded gymnasium trajectory (or minatar episodes) against the native environment.",
        discussion: "Exits with status 1 when a deviation exceeds its tolerance or a terminated/truncated flag differs. "
            + "A MinAtar recording (Benchmarks/minatar_record.py) is replayed from its seeds; a board that differs "
            + "counts as an observation deviation of 1."
    )

    @Argument(help: "The environment id, e.g. CartPole-v1.")
    var id: String

    @Option(help: "The fixture JSON file recorded from gymnasium (or from minatar).")
    var fixture: String

    @Option(help: "Largest accepted absolute deviation of an observation component.")
    var observationTolerance = 1e-5

    @Option(help: "Largest accepted absolute deviation of a reward.")
    var rewardTolerance = 1e-6

    func run() throws {
        let report = try Fixture.replayRecording(at: URL(fileURLWithPath: fixture), expecting: id)
        let passed = report.passes(observationTolerance: observationTolerance, rewardTolerance: rewardTolerance)
        print(report.summary(observationTolerance: observationTolerance, rewardTolerance: rewardTolerance))
        if !passed { throw ExitCode.failure }
    }
}
