import ArgumentParser
import Agents
import Environments
import Foundation

/// `a3c`: train, evaluate and inspect A3C agents on the registered environments.
///
/// The commands are a library so that another executable can offer them too, for environments
/// of its own: see `main(name:registering:)`. `a3c`'s `main` is `A3CCommand.main()`.
public struct A3CCommand: ParsableCommand {
    public init() {}

    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: toolName.withLock { $0 },
            abstract: "Asynchronous advantage actor-critic on native environments.",
            subcommands: [TrainCommand.self, EvalCommand.self, InfoCommand.self, EnvsCommand.self, CheckEnvCommand.self,
                          RolloutCommand.self, PlotCommand.self, RenderCommand.self, CheckRenderCommand.self, ExportCommand.self]
        )
    }

    /// Registers `environments`, then runs the commands (`train`, `eval`, `rollout`, `envs`, …)
    /// under the name `name` on the process's arguments: a user's own executable in one line,
    /// e.g. `A3CCommand.main(name: "corridor", registering: [Corridor.spec])`. Exits with status 1
    /// and a message when a spec cannot be registered.
    public static func main(name: String, registering environments: [EnvironmentSpec]) {
        toolName.withLock { $0 = name }
        for spec in environments {
            do { try Registry.register(spec) } catch {
                FileHandle.standardError.write(Data("\(name): cannot register \(spec.id): \(error)\n".utf8))
                Foundation.exit(1)
            }
        }
        main()
    }
}

/// The name help and usage show: `a3c`, or the one given to `A3CCommand.main(name:registering:)`.
private let toolName = Locked("a3c")
