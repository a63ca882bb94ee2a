import ArgumentParser

/// `a3c`: train, evaluate and inspect A3C agents and the built-in environments.
///
/// The commands are a library so that another executable can offer them too; `a3c`'s `main` is
/// `A3CCommand.main()`.
public struct A3CCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "a3c",
        abstract: "Asynchronous advantage actor-critic on native environments.",
        subcommands: [TrainCommand.self, EvalCommand.self, InfoCommand.self, EnvsCommand.self, CheckEnvCommand.self, RolloutCommand.self,
                      PlotCommand.self]
    )
}
