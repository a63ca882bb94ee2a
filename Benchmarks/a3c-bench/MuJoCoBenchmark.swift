import ArgumentParser
import CMuJoCo
import Environments
import Foundation
import MuJoCoEnvironments
import SeededRandom

/// `a3c-bench mujoco`: single-thread steps per second of each MuJoCo task, against MuJoCo's own step
/// (`mj_step` × the frame skip on the same states) and, with `--python`, gymnasium's environment.
struct MuJoCoBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mujoco",
        abstract: "Steps per second of the MuJoCo tasks against raw mj_step and gymnasium (random actions, one thread)."
    )

    @OptionGroup var common: CommonOptions

    static let defaultSteps = Preset(full: 100_000, quick: 500)
    static let defaultPythonSteps = Preset(full: 20_000, quick: 200)

    @Option(help: "Environment steps per measurement (\(defaultSteps.help)).")
    var steps: Int?

    @Option(help: "A Python with mujoco==2.2.2 and gymnasium==1.4.0: also time gymnasium's environments in the same run.")
    var python: String?

    /// One task's figures, in environment steps per second.
    struct Measurement: Codable {
        var id: String
        /// Our environment with its time limit, a reset at each episode's end (as gymnasium is timed).
        var episodesStepsPerSecond: Double
        /// Our environment stepped on without resets, and MuJoCo's `mj_step` × frame skip on the same
        /// states with the same controls: the difference is our environment's own cost.
        var environmentStepsPerSecond: Double
        var rawStepsPerSecond: Double
        var overhead: Double { rawStepsPerSecond / environmentStepsPerSecond - 1 }
        var gymnasiumStepsPerSecond: Double? = nil
    }

    func validate() throws {
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
        if let python, !FileManager.default.isExecutableFile(atPath: python) {
            throw ValidationError("--python \(python) is not an executable file; pass a Python with mujoco==2.2.2 and gymnasium==1.4.0")
        }
    }

    func run() throws {
        let measurements = try Self.report(steps: steps ?? Self.defaultSteps.value(quick: common.quick), python: python,
                                           pythonSteps: Self.defaultPythonSteps.value(quick: common.quick))
        try Report.writeJSON(section: "mujoco", measurements, to: common.json)
    }

    static func report(steps: Int, python: String? = nil, pythonSteps: Int = 0) throws -> [Measurement] {
        try MuJoCoTasks.register()
        var measurements: [Measurement] = []
        for spec in MuJoCoTasks.specs {
            Report.progress("mujoco: \(spec.id)")
            var measurement = measure(spec.factory, steps: steps)
            if let python { measurement.gymnasiumStepsPerSecond = try gymnasiumRate(python, id: spec.id, steps: pythonSteps) }
            measurements.append(measurement)
        }
        let rows = measurements.map { m -> [String] in
            [m.id, Report.compact(m.episodesStepsPerSecond), Report.compact(m.environmentStepsPerSecond),
             Report.compact(m.rawStepsPerSecond), String(format: "%+.1f %%", 100 * m.overhead)]
                + (python == nil ? [] : [m.gymnasiumStepsPerSecond.map(Report.compact) ?? "–",
                                         m.gymnasiumStepsPerSecond.map { Report.ratio(m.episodesStepsPerSecond / $0) } ?? "–"])
        }
        print(Report.tableSection("mujoco — steps/s, random actions, one thread, \(steps) steps each"
                                  + (python == nil ? "" : " (gymnasium: \(pythonSteps) steps each)"),
                                  ["task", "episodes", "no resets", "raw mj_step × skip", "our overhead"]
                                      + (python == nil ? [] : ["gymnasium", "ours / gymnasium"]), rows))
        return measurements
    }

    /// The three figures of one task, specialised on its environment type.
    static func measure<F: EnvironmentFactory>(_ factory: F, steps: Int) -> Measurement {
        let episodes = EnvsBenchmark.measureSingle(factory, steps: steps)
        let base = factory.makeBase()
        guard let mujoco = base as? any MuJoCoStepping else { fatalError("\(factory.id) is not a MuJoCo environment") }
        let (environment, raw) = mujoco.rates(steps: steps)
        return Measurement(id: factory.id, episodesStepsPerSecond: episodes, environmentStepsPerSecond: environment,
                           rawStepsPerSecond: raw)
    }

    /// gymnasium's steps per second for `id`, from `peers/mujoco_speed.py`'s JSON line.
    static func gymnasiumRate(_ python: String, id: String, steps: Int) throws -> Double {
        Report.progress("mujoco: gymnasium \(id) in Python")
        return try Report.pythonRate(python, script: "mujoco_speed.py", ["--env", id, "--steps", "\(steps)"],
                                     failure: "does it have mujoco==2.2.2 and gymnasium==1.4.0?")
    }
}

/// Times a MuJoCo environment without resets against MuJoCo's own step on the same states.
protocol MuJoCoStepping {
    func rates(steps: Int) -> (environment: Double, raw: Double)
}

extension MuJoCoEnvironment: MuJoCoStepping {
    /// The environment and MuJoCo alone step side by side on two copies of the same start with the same
    /// controls, each step timed on its own: interleaved so finely, both see the same machine.
    func rates(steps: Int) -> (environment: Double, raw: Double) {
        let nu = model.actuatorCount
        var generator = Xoshiro256(seed: 1)
        var environment = self
        var observation = [Float](repeating: 0, count: observationSpace.size)
        var action = [Float](repeating: 0, count: nu)
        let model = self.model.unsafePointer
        let data = mj_makeData(model)!
        defer { mj_deleteData(data) }
        var checksum: Float = 0
        var environmentNanoseconds: UInt64 = 0, rawNanoseconds: UInt64 = 0
        observation.withUnsafeMutableBufferPointer { observation in
            action.withUnsafeMutableBufferPointer { action in
                environment.reset(seed: 1, observation: observation)
                Self.copyState(environment.state, model: self.model, into: data)
                for _ in 0..<steps {
                    for i in 0..<nu { action[i] = Float(generator.uniform(-1, 1)) }
                    let start = Report.now()
                    let failed = (try? environment.step(continuous: UnsafeBufferPointer(action), observation: observation)) == nil
                    let middle = Report.now()
                    for i in 0..<nu { data.pointee.ctrl[i] = Double(action[i]) }
                    for _ in 0..<Task.frameSkip { mj_step(model, data) }
                    let end = Report.now()
                    environmentNanoseconds += middle - start
                    rawNanoseconds += end - middle
                    checksum += observation[0] + Float(data.pointee.qpos[0])
                    if failed {
                        environment.reset(seed: nil, observation: observation)
                        Self.copyState(environment.state, model: self.model, into: data)
                    }
                }
            }
        }
        if checksum.isNaN { print("(checksum \(checksum))") }
        return (Double(steps) / (Double(environmentNanoseconds) * 1e-9), Double(steps) / (Double(rawNanoseconds) * 1e-9))
    }

    /// MuJoCo's reset of `data` to `state` (qpos, then qvel), as the environment's `setState` does.
    static func copyState(_ state: [Double], model: MuJoCoModel, into data: UnsafeMutablePointer<mjData>) {
        mj_resetData(model.unsafePointer, data)
        for i in 0..<model.positionCount { data.pointee.qpos[i] = state[i] }
        for i in 0..<model.velocityCount { data.pointee.qvel[i] = state[model.positionCount + i] }
        mj_forward(model.unsafePointer, data)
    }
}

/// `a3c-bench all`'s Python for the mujoco section (gymnasium's environments beside ours).
struct MuJoCoPythonOption: ParsableArguments {
    @Option(name: .customLong("mujoco-python"),
            help: ArgumentHelp("A Python with mujoco==2.2.2 and gymnasium==1.4.0: the mujoco section times gymnasium's environments too.",
                               valueName: "path"))
    var path: String?
}
