import ArgumentParser
import Foundation

/// `a3c-bench`: measured figures for the engine, the environments and the trainers. With no
/// subcommand it runs `all`: every section in order.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "a3c-bench",
        abstract: "How fast is A3C here, and is it better than A2C on this machine?",
        discussion: """
            With no subcommand, runs every section in order (`all`); its options: a3c-bench help all.
            Measure a release build: `swift run -c release a3c-bench` (a debug build warns and its figures are not representative).
            """,
        subcommands: [AllSections.self, EngineBenchmark.self, EnvsBenchmark.self, MuJoCoBenchmark.self, Box2DBenchmark.self, RenderBenchmark.self,
                      ThroughputBenchmark.self, SolveBenchmark.self, DistributedBenchmark.self, PeersBenchmark.self],
        defaultSubcommand: AllSections.self
    )

    /// Parses and runs like `ParsableCommand.main()`, except that bad input (an unknown option,
    /// section or environment, an out-of-range value) exits with code 2, before any work starts.
    static func main() {
        do {
            var command = try parseAsRoot()
            if Report.isDebugBuild {
                FileHandle.standardError.write(Data((Report.debugBuildWarning + "\n").utf8))
            }
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
