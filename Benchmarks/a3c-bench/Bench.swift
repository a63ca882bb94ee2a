import ArgumentParser

/// `a3c-bench`: measured figures for the engine, the environments and the trainers.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "a3c-bench",
        abstract: "Benchmarks: engine, envs (more sections as they land).",
        subcommands: [EngineBenchmark.self, EnvsBenchmark.self, LunarLanderBenchmark.self]
    )

    func run() throws {}
}
