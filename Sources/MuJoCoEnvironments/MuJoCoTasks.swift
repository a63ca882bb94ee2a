import Environments
import Foundation

/// gymnasium's MuJoCo v4 tasks, for the registry: `MuJoCoTasks.register()` once, and every id works
/// wherever an id is taken (training, evaluation, rollouts, the command line).
public enum MuJoCoTasks {
    /// One spec per task, with gymnasium's time limits (1000 steps; Reacher 50) and reward thresholds.
    public static let specs: [EnvironmentSpec] = [
        spec(InvertedPendulumTask.self),
        spec(InvertedDoublePendulumTask.self),
        spec(ReacherTask.self),
        spec(SwimmerTask.self),
        spec(HopperTask.self),
        spec(HalfCheetahTask.self),
        spec(Walker2dTask.self),
        spec(AntTask.self),
    ]

    /// Registers every task not registered yet. Throws when the linked libmujoco is not MuJoCo 2.2.2,
    /// whose dynamics gymnasium's recordings come from.
    public static func register() throws(EnvironmentError) {
        try MuJoCoLibrary.checkVersion()
        let known = Set(Registry.ids)
        for spec in specs where !known.contains(spec.id) {
            try Registry.register(spec)
        }
    }

    /// `specs` when the linked libmujoco is MuJoCo 2.2.2; otherwise none, with a line on standard error
    /// saying why (the other environments work on).
    public static var supportedSpecs: [EnvironmentSpec] {
        do {
            try MuJoCoLibrary.checkVersion()
            return specs
        } catch {
            FileHandle.standardError.write(Data("warning: MuJoCo tasks unavailable: \(error)\n".utf8))
            return []
        }
    }

    static func spec<Task: MuJoCoTask>(_: Task.Type) -> EnvironmentSpec {
        EnvironmentSpec(id: Task.id, maxEpisodeSteps: Task.maxEpisodeSteps, rewardThreshold: Task.rewardThreshold,
                        make: { MuJoCoEnvironment<Task>.builtIn() })
    }
}
