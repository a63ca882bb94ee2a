import Agents
import ArgumentParser
import Foundation

/// `a3c-bench distributed`: A3C over Open MPI against the same threads in one process: env steps/s,
/// updates/s, sync traffic at rank 0 and time to solve, for 1 rank × 2 threads (no MPI), 2 ranks × 1
/// thread (rank 0 works too) and a server-only rank 0 + 2 ranks × 1 thread. The MPI runs start
/// `mpirun` with the `a3c` executable built beside this one; without either the section is skipped.
struct DistributedBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distributed",
        abstract: "A3C over MPI: 1 rank × 2 threads, 2 ranks × 1 thread, server-only rank 0 + 2 ranks × 1 thread."
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var training: TrainingOptions
    @OptionGroup var throughput: ThroughputOptions
    @OptionGroup var solve: SolveOptions

    func run() throws {
        let figures = try Self.report(envIDs: training.environmentIDs(quick: common.quick),
                                      seconds: throughput.secondsPerRun(quick: common.quick),
                                      solveSeconds: solve.budgetSeconds(quick: common.quick))
        try Report.writeJSON(section: "distributed", figures, to: common.json)
    }

    /// The three layouts compared.
    enum Layout: String, Codable, CaseIterable {
        case oneRankTwoThreads = "1 rank × 2 threads (no MPI)"
        case twoRanks = "2 ranks × 1 thread"
        case serverOnly = "rank 0 server only + 2 ranks × 1 thread"
    }

    /// One layout on one environment.
    struct Run: Codable {
        var envID: String
        var layout: Layout
        var stepsPerSecond: Double
        var updatesPerSecond: Double
        /// Steps/s over those of 1 rank × 2 threads.
        var relativeRate: Double
        var syncsPerSecond: Double?
        var bytesToRankZeroPerSecond: Double?
        var bytesFromRankZeroPerSecond: Double?
        /// Wall seconds to the threshold from seed 1, nil when the budget ran out.
        var secondsToSolve: Double?
    }

    struct Figures: Codable {
        var skipped: String?
        var runs: [Run]
    }

    /// Measures every environment and layout, prints the table and returns the figures.
    static func report(envIDs: [String], seconds: Double, solveSeconds: Double) throws -> Figures {
        let title = "distributed — A3C over Open MPI, \(Report.duration(seconds)) s per rate, seed 1 to the threshold within " +
            "\(Report.duration(solveSeconds)) s"
        guard let launcher = try Launcher.find() else {
            let reason = "skipped: mpirun or the a3c executable beside a3c-bench is missing " +
                "(make setup installs openmpi-bin; swift build -c release --product a3c builds a3c)"
            print(Report.heading(title) + "\n" + reason + "\n")
            return Figures(skipped: reason, runs: [])
        }
        var runs: [Run] = []
        for envID in envIDs {
            var reference = 0.0
            for layout in Layout.allCases {
                Report.progress("distributed: \(envID), \(layout.rawValue)")
                var run = try layout == .oneRankTwoThreads ? local(envID: envID, seconds: seconds, solveSeconds: solveSeconds)
                    : launcher.measure(envID: envID, layout: layout, seconds: seconds, solveSeconds: solveSeconds)
                if layout == .oneRankTwoThreads { reference = run.stepsPerSecond }
                run.relativeRate = reference > 0 ? run.stepsPerSecond / reference : 0
                runs.append(run)
            }
        }
        let rows = runs.map { run in
            [run.envID, run.layout.rawValue, Report.compact(run.stepsPerSecond), Report.compact(run.updatesPerSecond),
             (100 * run.relativeRate).formatted(0) + "%", run.syncsPerSecond.map { $0.formatted(0) } ?? "–",
             run.bytesToRankZeroPerSecond.map { ($0 / 1e6).formatted(2) } ?? "–",
             run.bytesFromRankZeroPerSecond.map { ($0 / 1e6).formatted(2) } ?? "–",
             run.secondsToSolve.map { $0.formatted(2) } ?? "not solved"]
        }
        print(Report.tableSection(title, ["environment", "layout", "env steps/s", "updates/s", "of 1 × 2", "syncs/s",
                                          "MB/s to rank 0", "MB/s from rank 0", "s to solve"], rows))
        return Figures(skipped: nil, runs: runs)
    }

    /// 1 rank × 2 threads in this process, as `a3c train --workers 2` runs it.
    static func local(envID: String, seconds: Double, solveSeconds: Double) throws -> Run {
        var h = Hyperparameters.defaults(for: envID)
        h.workers = 2
        h.seed = 1
        var fixed = h
        fixed.targetReturn = .infinity
        fixed.maxSteps = nil
        fixed.learningRateSchedule = .constant
        fixed.maxSeconds = seconds
        let rate = try Trainer.train(envID: envID, hyperparameters: fixed)
        h.maxSeconds = solveSeconds
        let solved = try Trainer.train(envID: envID, hyperparameters: h)
        return Run(envID: envID, layout: .oneRankTwoThreads, stepsPerSecond: Double(rate.steps) / rate.seconds,
                   updatesPerSecond: Double(rate.updates) / rate.seconds, relativeRate: 1, syncsPerSecond: nil,
                   bytesToRankZeroPerSecond: nil, bytesFromRankZeroPerSecond: nil, secondsToSolve: solved.solvedAt?.seconds)
    }

    /// Starts `mpirun ... a3c train --distributed` and reads rank 0's closing lines.
    struct Launcher {
        let mpirun: URL
        let a3c: URL

        /// Both executables, or nil when either is missing.
        static func find() throws -> Launcher? {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            guard let mpirun = path.split(separator: ":").map({ URL(fileURLWithPath: String($0)).appendingPathComponent("mpirun") })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }),
                let here = Bundle.main.executableURL else { return nil }
            let a3c = here.deletingLastPathComponent().appendingPathComponent("a3c")
            guard FileManager.default.isExecutableFile(atPath: a3c.path) else { return nil }
            return Launcher(mpirun: mpirun, a3c: a3c)
        }

        func measure(envID: String, layout: Layout, seconds: Double, solveSeconds: Double) throws -> Run {
            let rate = try launch(envID: envID, layout: layout,
                                  extra: ["--target", "1e300", "--max-steps", "1000000000000", "--lr-schedule", "constant",
                                          "--max-seconds", String(seconds)])
            let solved = try launch(envID: envID, layout: layout, extra: ["--max-seconds", String(solveSeconds)])
            return Run(envID: envID, layout: layout, stepsPerSecond: rate.steps / rate.seconds,
                       updatesPerSecond: rate.updates / rate.seconds, relativeRate: 0, syncsPerSecond: rate.syncs / rate.seconds,
                       bytesToRankZeroPerSecond: rate.megabytesIn * 1e6 / rate.seconds,
                       bytesFromRankZeroPerSecond: rate.megabytesOut * 1e6 / rate.seconds, secondsToSolve: solved.solvedAt)
        }

        struct LaunchError: Error, CustomStringConvertible {
            let description: String
        }

        /// What rank 0 printed at the end of a run.
        struct Closing {
            var seconds = 0.0, steps = 0.0, updates = 0.0, syncs = 0.0, megabytesIn = 0.0, megabytesOut = 0.0
            var solvedAt: Double?
        }

        func launch(envID: String, layout: Layout, extra: [String]) throws -> Closing {
            let ranks = layout == .serverOnly ? 3 : 2
            let process = Process()
            process.executableURL = mpirun
            process.arguments = ["-np", String(ranks), "--oversubscribe", "--mca", "btl", "self,vader",
                                 "--mca", "btl_vader_single_copy_mechanism", "none", a3c.path, "train", envID,
                                 "--distributed", "--workers", "1", "--seed", "1", "--progress-interval", "1000"]
                + (layout == .serverOnly ? ["--server-only"] : []) + extra
            var environment = ProcessInfo.processInfo.environment
            environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1"  // Open MPI refuses root without both
            environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0, let closing = Self.parse(output) else {
                throw LaunchError(description: "mpirun \(process.arguments!.joined(separator: " ")) failed (status " +
                                  "\(process.terminationStatus)) or printed no closing lines:\n\(output.suffix(2000))")
            }
            return closing
        }

        /// Reads `done (...): X s wall, N steps (...), U updates, ...`, `solved at X s, ...` and
        /// `rank 0 served S syncs: A MB in, B MB out ...`.
        static func parse(_ output: String) -> Closing? {
            var closing = Closing()
            var sawDone = false, sawServed = false
            for line in output.split(separator: "\n").map(String.init) {
                let words = line.replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: "(", with: " ")
                    .split(separator: " ").map(String.init)
                func number(before word: String, by distance: Int = 1) -> Double? {
                    guard let i = words.firstIndex(of: word), i >= distance else { return nil }
                    return Double(words[i - distance])
                }
                if line.hasPrefix("done ("), let s = number(before: "wall", by: 2), let n = number(before: "steps"),
                   let u = number(before: "updates") {
                    (closing.seconds, closing.steps, closing.updates, sawDone) = (s, n, u, true)
                } else if line.hasPrefix("solved at "), words.count > 2 {
                    closing.solvedAt = Double(words[2])
                } else if line.hasPrefix("rank 0 served "), let syncs = number(before: "syncs:"),
                          let i = words.firstIndex(of: "in"), i >= 2, let o = words.firstIndex(of: "out"), o >= 2,
                          let mbIn = Double(words[i - 2]), let mbOut = Double(words[o - 2]) {
                    (closing.syncs, closing.megabytesIn, closing.megabytesOut, sawServed) = (syncs, mbIn, mbOut, true)
                }
            }
            return sawDone && sawServed && closing.seconds > 0 ? closing : nil
        }
    }
}
