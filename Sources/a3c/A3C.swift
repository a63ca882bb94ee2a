import ArgumentParser

/// `a3c`: train, evaluate and inspect A3C agents and the built-in environments.
@main
struct A3CCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "a3c",
        abstract: "Asynchronous advantage actor-critic on native environments.",
        subcommands: [TrainCommand.self, EvalCommand.self, EnvsCommand.self, CheckEnvCommand.self, RolloutCommand.self]
    )
}
