import ArgumentParser
import Foundation

/// `a3c-bench`: measured figures for the engine, the environments and the trainers. With no
/// subcommand it runs `all`: every section in order.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "a3c-bench",
        abstract: "How fast is A3C here, and is it better than A2C on this machine?",
        discussion: "With no subcommand, runs every section in order (`all`); its options: a3c-bench help all.",
        subcommands: [AllSections.self, EngineBenchmark.self, EnvsBenchmark.self, Box2DBenchmark.self,
                      ThroughputBenchmark.self, SolveBenchmark.self, DistributedBenchmark.self],
        defaultSubcommand: AllSections.self
    )

    /// Parses and runs like `ParsableCommand.main()`, except that bad input (an unknown option,
    /// section or environment, an out-of-range value) exits with code 2, before any work starts.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
