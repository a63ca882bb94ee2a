import Agents
import ArgumentParser
import Foundation

/// `a3c-bench peers --python PATH`: other implementations on the same tasks, in the same run, one
/// after another: Stable-Baselines3 A2C and a PyTorch A3C after the seed's design against our A3C
/// and A2C, and sb3-contrib's RecurrentPPO against our recurrent A3C on CartPoleNoVel-v1 (the
/// scripts in `Benchmarks/peers/`). Without `--python` the section says what it needs.
struct PeersBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peers",
        abstract: "PyTorch's conv and LSTM networks against ours (act, update); Stable-Baselines3 A2C and a PyTorch A3C against ours on CartPole-v1 (to 475) and LunarLander-v3 (fixed budget); sb3-contrib RecurrentPPO against our LSTM A3C on CartPoleNoVel-v1 (to 475)."
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var options: PeersOptions

    func run() throws {
        let figures = try Self.report(python: options.python, quick: common.quick,
                                      maxSeconds: options.budgetSeconds(quick: common.quick), networksOnly: options.networksOnly,
                                      only: options.tasks)
        try Report.writeJSON(section: "peers", figures, to: common.json)
    }

    /// What the Python must have, and how to make one that does.
    static let requirement = "a Python with torch, gymnasium[box2d], stable-baselines3 and sb3-contrib, e.g. " +
        "`python3 -m venv ~/venvs/peers && ~/venvs/peers/bin/pip install torch 'gymnasium[box2d]' stable-baselines3 sb3-contrib`"

    /// `Benchmarks/peers/` of the source tree this executable was built from.
    static var scriptsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("peers")
    }

    /// A task every implementation runs: to a threshold (and a wall budget), or for a fixed step budget.
    struct Task: Codable {
        var envID: String
        var threshold: Double?
        var maxSteps: Int
    }

    static func tasks(quick: Bool) -> [Task] {
        [Task(envID: "CartPole-v1", threshold: 475, maxSteps: quick ? 50_000 : 2_000_000),
         // rl-zoo's budget for A2C on LunarLander (n_timesteps 2e5).
         Task(envID: "LunarLander-v3", threshold: nil, maxSteps: quick ? 10_000 : 200_000),
         // Ours with its default budget; RecurrentPPO with rl-zoo's (n_timesteps 1e5, its schedules' length).
         Task(envID: "CartPoleNoVel-v1", threshold: 475, maxSteps: quick ? 20_000 : 5_000_000)]
    }

    /// One implementation's run on one task.
    struct Row: Codable {
        var envID: String
        var implementation: String
        var ours: Bool
        var solved: Bool?
        /// Wall seconds to the threshold, or of the whole run when it has none or missed it.
        var seconds: Double
        var steps: Int
        var stepsPerSecond: Double
        var mean100: Double?
        /// Peak resident memory of the run (ours only: the peers run in other processes).
        var peakResidentBytes: Double?
        /// Mean return of 100 deterministic episodes of the final policy (the peers that report it).
        var finalEvaluation: Double? = nil
    }

    struct Figures: Codable {
        var skipped: String?
        var cores: Int
        var maxSeconds: Double
        var rows: [Row]
        /// The conv and LSTM networks' act and update, PyTorch's (one thread) beside ours, µs.
        var networks: [NetworkRow] = []
    }

    /// One network measure, PyTorch's and ours in the same run.
    struct NetworkRow: Codable {
        var measure: String
        var torchMicroseconds: Double
        var oursMicroseconds: Double
    }

    /// `torch_networks.py` and `EngineBenchmark.torsoNetworks` one after the other, on one thread each.
    static func networkRows(python: String, quick: Bool) throws -> [NetworkRow] {
        Report.progress("peers: PyTorch's MinAtar and LSTM networks")
        let script = scriptsDirectory.appendingPathComponent("torch_networks.py").path
        guard let text = Report.run(python, [script] + (quick ? ["--quick"] : [])),
              let last = text.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let object = try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any],
              let minAtar = object["minatar"] as? [String: Any], let lstm = object["lstm"] as? [String: Any],
              let minAtarUpdates = minAtar["update_us"] as? [String: Double], let lstmUpdates = lstm["update_us"] as? [String: Double],
              let minAtarAct = minAtar["act_us"] as? Double, let lstmAct = lstm["act_us"] as? Double else {
            throw ValidationError("torch_networks.py failed or printed no result; run it by hand: \(python) \(script)")
        }
        let ours = quick ? EngineBenchmark.torsoNetworks(minSeconds: 0.005, repeats: 1) : EngineBenchmark.torsoNetworks(minSeconds: 0.2, repeats: 5)
        var rows = [NetworkRow(measure: "MinAtar network: act", torchMicroseconds: minAtarAct, oursMicroseconds: ours["minatar_act_us"]!)]
        for batch in EngineBenchmark.updateBatches {
            rows.append(NetworkRow(measure: "MinAtar network: update, batch \(batch)", torchMicroseconds: minAtarUpdates["\(batch)"] ?? .nan,
                                   oursMicroseconds: ours["minatar_update_us_b\(batch)"]!))
        }
        rows.append(NetworkRow(measure: "LSTM network: act (one step with state)", torchMicroseconds: lstmAct, oursMicroseconds: ours["lstm_act_us"]!))
        for sequences in EngineBenchmark.lstmSequences {
            let t = EngineBenchmark.lstmRollout
            rows.append(NetworkRow(measure: "LSTM network: update over \(t) steps × \(sequences)", torchMicroseconds: lstmUpdates["T\(t)xB\(sequences)"] ?? .nan,
                                   oursMicroseconds: ours["lstm_update_us_t\(t)_b\(sequences)"]!))
        }
        return rows
    }

    static func networkMarkdown(_ rows: [NetworkRow]) -> String {
        Report.tableSection("peers — PyTorch (one thread) against ours on MinAtar's conv network and the LSTM network",
                            ["measure", "PyTorch µs", "ours µs", "PyTorch ÷ ours"],
                            rows.map { [$0.measure, $0.torchMicroseconds.formatted(1), $0.oursMicroseconds.formatted(2),
                                        Report.ratio($0.torchMicroseconds / $0.oursMicroseconds)] })
    }

    /// The section's figures; `only` (task ids) limits the training runs to those tasks and skips the
    /// network timings.
    static func report(python: String?, quick: Bool, maxSeconds: Double, networksOnly: Bool = false, only: [String] = []) throws -> Figures {
        guard let python else {
            let reason = "skipped: give --python PATH, \(requirement)"
            print(Report.heading("peers — \(reason)"))
            return Figures(skipped: reason, cores: Report.cores, maxSeconds: maxSeconds, rows: [])
        }
        guard Report.run(python, ["-c", "import torch"]) != nil else {
            throw ValidationError("--python \(python) cannot import torch; the peers section needs \(requirement)")
        }
        let networks = only.isEmpty ? try networkRows(python: python, quick: quick) : []
        if !networks.isEmpty { print(networkMarkdown(networks)) }
        if networksOnly { return Figures(skipped: "training runs: --networks-only", cores: Report.cores, maxSeconds: maxSeconds, rows: [], networks: networks) }
        try checkPython(python)
        var rows: [Row] = []
        for task in tasks(quick: quick) where only.isEmpty || only.contains(task.envID) {
            let threshold = task.threshold.map { ["--threshold", "\($0)"] } ?? []
            let common = ["--env", task.envID, "--max-steps", "\(task.maxSteps)", "--max-seconds", "\(maxSeconds)", "--seed", "1"] + threshold
            rows.append(try ours(.a3c, task: task, maxSeconds: maxSeconds))
            if task.envID == "CartPoleNoVel-v1" {
                let budget = quick ? 5_000 : 100_000
                rows.append(try peer(python, script: "sb3_recurrent_ppo.py",
                                     ["--env", task.envID, "--max-steps", "\(budget)", "--max-seconds", "\(maxSeconds)", "--seed", "1"]
                                        + threshold + (quick ? ["--eval-episodes", "3"] : []),
                                     name: "sb3-contrib RecurrentPPO, \(task.envID)"))
                continue
            }
            rows.append(try ours(.a2c, task: task, maxSeconds: maxSeconds))
            if task.threshold != nil {
                rows.append(try peer(python, script: "sb3_a2c.py", common, name: "Stable-Baselines3 A2C, \(task.envID)"))
                rows.append(try peer(python, script: "torch_a3c.py", common + ["--agents", "\(Report.cores)"],
                                     name: "PyTorch A3C, \(task.envID)"))
            } else {
                rows.append(try peer(python, script: "sb3_a2c.py", common + ["--zoo"], name: "Stable-Baselines3 A2C (rl-zoo), \(task.envID)"))
            }
        }
        let figures = Figures(skipped: nil, cores: Report.cores, maxSeconds: maxSeconds, rows: rows, networks: networks)
        print(markdown(figures))
        return figures
    }

    /// Fails with what is missing unless `python` runs and imports every package the scripts use.
    static func checkPython(_ python: String) throws {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ValidationError("--python \(python) is not an executable file; the peers section needs \(requirement)")
        }
        guard FileManager.default.fileExists(atPath: scriptsDirectory.appendingPathComponent("sb3_a2c.py").path) else {
            throw ValidationError("the peer scripts are not at \(scriptsDirectory.path) (they come with the source tree a3c-bench is built from)")
        }
        guard Report.run(python, ["-c", "import torch, gymnasium, stable_baselines3, sb3_contrib, Box2D"]) != nil else {
            throw ValidationError("--python \(python) cannot import torch, gymnasium, stable_baselines3, sb3_contrib and Box2D; the peers section needs \(requirement)")
        }
    }

    /// Our `algorithm` with the environment's defaults on `task`, seed 1, all cores.
    static func ours(_ algorithm: Algorithm, task: Task, maxSeconds: Double) throws -> Row {
        let name = "ours \(algorithm.rawValue.uppercased()), \(task.envID)"
        Report.progress("peers: \(name)")
        var h = Hyperparameters.defaults(for: task.envID, algorithm: algorithm)
        h.workers = Report.cores
        h.seed = 1
        h.maxSeconds = maxSeconds
        h.maxSteps = task.maxSteps
        h.targetReturn = task.threshold ?? .infinity
        Report.resetPeakResident()
        let result = try Trainer.train(envID: task.envID, hyperparameters: h, resumingFrom: nil,
                                       options: Agents.TrainingOptions(environmentThreads: Report.cores))
        let solved = result.solvedAt
        return Row(envID: task.envID, implementation: "ours: \(algorithm.rawValue.uppercased()) (\(Report.plural(Report.cores, algorithm == .a3c ? "thread" : "env thread")))",
                   ours: true, solved: task.threshold == nil ? nil : solved != nil,
                   seconds: solved?.seconds ?? result.seconds, steps: solved?.step ?? result.steps,
                   stepsPerSecond: Double(result.steps) / result.seconds, mean100: result.finalMean100,
                   peakResidentBytes: Report.peakResidentBytes())
    }

    /// One peer script's run, read from the JSON object on its last line.
    static func peer(_ python: String, script: String, _ arguments: [String], name: String) throws -> Row {
        Report.progress("peers: \(name)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [scriptsDirectory.appendingPathComponent(script).path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0,
              let last = text.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let object = try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any],
              let implementation = object["peer"] as? String, let seconds = object["seconds"] as? Double,
              let steps = object["steps"] as? Int, let rate = object["steps_per_second"] as? Double else {
            throw ValidationError("\(script) failed (exit status \(process.terminationStatus)); its output:\n\(text)")
        }
        return Row(envID: arguments[1], implementation: implementation, ours: false,
                   solved: arguments.contains("--threshold") ? object["solved"] as? Bool : nil,
                   seconds: seconds, steps: steps, stepsPerSecond: rate, mean100: object["mean100"] as? Double,
                   peakResidentBytes: nil, finalEvaluation: object["final_evaluation"] as? Double)
    }

    static func markdown(_ figures: Figures) -> String {
        let rows = figures.rows.map { row -> [String] in
            let reference = figures.rows.first { $0.envID == row.envID && $0.ours }!
            let outcome = row.solved.map { $0 ? "solved" : "not solved" } ?? "fixed budget"
            return [row.envID, row.implementation, outcome, Report.duration(row.seconds), Report.compact(Double(row.steps)),
                    Report.compact(row.stepsPerSecond), row.mean100.map { $0.formatted(1) } ?? "–",
                    row.finalEvaluation.map { $0.formatted(1) } ?? "–",
                    Report.ratio(row.seconds / reference.seconds),
                    Report.ratio(row.stepsPerSecond / reference.stepsPerSecond),
                    row.peakResidentBytes.map(Report.megabytes) ?? "–"]
        }
        return Report.tableSection(
            "peers — CartPole-v1 and CartPoleNoVel-v1 to a mean100 of 475, LunarLander-v3 for 200k steps (rl-zoo's budget), seed 1, one after another, budget \(Report.duration(figures.maxSeconds)) s per run",
            ["task", "implementation", "outcome", "wall s", "env steps", "steps/s", "mean100 at the end", "final evaluation",
             "wall ÷ our A3C's", "steps/s ÷ our A3C's", "peak RSS (MB)"], rows) +
            "\nwall s: to the threshold when solved, else of the whole run. The peers run in their own processes " +
            "(\(Report.plural(figures.cores, "core")): SB3 with 8 environments in one process, the PyTorch A3C with one process per core). " +
            "Ours stops at a confirmed 475 (a deterministic evaluation must reach it too); final evaluation: the peer's final policy, " +
            "100 deterministic episodes. RecurrentPPO runs rl-zoo's ppo_lstm settings and budget (100k steps).\n"
    }
}

/// Options of the peers section.
struct PeersOptions: ParsableArguments {
    static let defaultMaxSeconds = Preset(full: 150.0, quick: 20.0)

    @Option(help: ArgumentHelp("A Python with torch, gymnasium[box2d], stable-baselines3 and sb3-contrib, for the peers section (without it the section is skipped).",
                               valueName: "path"))
    var python: String?

    @Option(name: .customLong("peer-seconds"), help: "Wall-second budget of each peers run (\(defaultMaxSeconds.help)).")
    var peerSeconds: Double?

    @Flag(name: .customLong("networks-only"), help: "Only PyTorch's conv and LSTM networks against ours (a Python with torch suffices).")
    var networksOnly = false

    @Option(name: .customLong("task"), help: ArgumentHelp("Only this task's training runs, no network timings (repeatable): \(PeersBenchmark.tasks(quick: false).map(\.envID).joined(separator: ", ")).", valueName: "id"))
    var tasks: [String] = []

    func budgetSeconds(quick: Bool) -> Double { peerSeconds ?? Self.defaultMaxSeconds.value(quick: quick) }

    func validate() throws {
        if let peerSeconds, !(peerSeconds > 0 && peerSeconds.isFinite) {
            throw ValidationError("--peer-seconds must be a positive number of seconds, got \(peerSeconds)")
        }
        let known = PeersBenchmark.tasks(quick: false).map(\.envID)
        if let unknown = tasks.first(where: { !known.contains($0) }) {
            throw ValidationError("--task \(unknown) is not a peers task; the tasks are \(known.joined(separator: ", "))")
        }
        if networksOnly, !tasks.isEmpty { throw ValidationError("--networks-only and --task exclude each other") }
        if let python, !FileManager.default.isExecutableFile(atPath: python) {
            throw ValidationError("--python \(python) is not an executable file; the peers section needs \(PeersBenchmark.requirement)")
        }
    }
}
