import ArgumentParser
import Environments

/// `a3c envs`: the registered environments with their spaces, time limits and thresholds.
struct EnvsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envs",
        abstract: "List the registered environments: spaces, time limit, reward threshold."
    )

    func run() {
        print(Registry.environmentTable())
    }
}
