import Environments
import Foundation

/// Where the gymnasium recordings are: `$A3C_FIXTURES`, or `shared/fixtures` beside the package root.
enum Fixtures {
    static let ids = ["CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1"]

    static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["A3C_FIXTURES"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // EnvironmentsTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures", isDirectory: true)
    }

    static func url(_ id: String) -> URL { directory.appendingPathComponent("\(id).json") }
}

/// `environment` with the time limit registered for its id, as `EnvironmentSpec.make()` wraps it.
func limited<E: Environment>(_ environment: E) -> TimeLimited<E> {
    TimeLimited(environment, maxEpisodeSteps: try! Registry.spec(environment.id).maxEpisodeSteps)
}
