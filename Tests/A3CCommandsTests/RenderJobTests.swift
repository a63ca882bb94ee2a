import XCTest
import Agents
import Environments
import Rendering
@testable import A3CCommands

/// `a3c render` as a library call: trained agents and baselines recorded, bad requests refused
/// before any episode runs.
final class RenderJobTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-render-job-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A small seeded CartPole agent (one worker, 300k steps, about 1 s).
    func trainedCartPole() throws -> String {
        var h = Hyperparameters.defaults(for: "CartPole-v1", algorithm: .a3c)
        h.workers = 1
        h.maxSteps = 300_000
        h.seed = 7
        let result = try Trainer.train(envID: "CartPole-v1", hyperparameters: h)
        let checkpoint = path("cartpole.json")
        try Checkpoint.save(result.model, to: checkpoint)
        return checkpoint
    }

    func testATrainedCartPoleAgentIsRecordedToTheEndOfItsEpisode() throws {
        let checkpoint = try trainedCartPole()
        let summary = try RenderJob.run(RenderRequest(source: checkpoint, output: path("agent.gif"), deterministic: true,
                                                      options: RecordingOptions(seed: 3)))
        let episode = try XCTUnwrap(summary.episodes.first)
        XCTAssertTrue(episode.ended)
        XCTAssertEqual(episode.totalReward, Double(episode.length))
        XCTAssertGreaterThan(episode.length, 50, "a trained agent outlasts a random one (~20 steps)")
        XCTAssertEqual(summary.frames, episode.length + 1, "every state from the reset to the end")
        let reader = try GIFReader(path: path("agent.gif"))
        XCTAssertEqual(reader.frameCount, summary.images)
        XCTAssertEqual([reader.width, reader.height], [600, 400])

        let png = try RenderJob.run(RenderRequest(source: checkpoint, output: path("last.png"), deterministic: true,
                                                  options: RecordingOptions(seed: 3)))
        XCTAssertEqual(png.episodes, summary.episodes, "same seed, same episode")
        XCTAssertEqual(try Raster(png: path("last.png")).width, 600)
    }

    func testBaselinesRecordEveryBuiltInEnvironment() throws {
        let drawn = ["CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1",
                     "LunarLander-v3", "LunarLanderContinuous-v3", "BipedalWalker-v3", "BipedalWalkerHardcore-v3"]
        for id in drawn {
            let policy: BaselinePolicy = id.hasPrefix("LunarLander") || id.hasPrefix("BipedalWalker") ? .heuristic : .random
            let summary = try RenderJob.run(RenderRequest(source: id, policy: policy, output: path("\(id).png"),
                                                          options: RecordingOptions(seed: 1, maxSteps: 30)))
            XCTAssertEqual(summary.episodes.count, 1, id)
            XCTAssertTrue(FileManager.default.fileExists(atPath: path("\(id).png")), id)
        }
    }

    func testTheWalkersHeuristicWalksAsInARolloutEpisodeAfterEpisode() throws {
        let summary = try RenderJob.run(RenderRequest(source: "BipedalWalker-v3", policy: .heuristic, output: path("walker.png"),
                                                      options: RecordingOptions(episodes: 3, seed: 2)))
        let rollout = try Environments.rollout(envID: "BipedalWalker-v3", policy: .heuristic, episodes: 3, seed: 2)
        XCTAssertEqual(summary.episodes.map(\.totalReward), rollout.returns, "a fresh state machine each episode")
        XCTAssertEqual(summary.episodes.map(\.length), rollout.lengths)
    }

    /// A registered environment that describes no picture.
    struct Undrawable: Environment {
        var observationSpace: BoxSpace { BoxSpace(low: [0], high: [1]) }
        var actionSpace: ActionSpace { .discrete(2) }
        mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) { observation[0] = 0 }
        mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
            observation[0] = 0
            return StepResult(reward: 0, terminated: true)
        }
    }

    func testBadRequestsAreRefusedBeforeAnyEpisode() throws {
        if (try? Registry.spec("Undrawable-v0")) == nil {
            try Registry.register(EnvironmentSpec(id: "Undrawable-v0", maxEpisodeSteps: 10, rewardThreshold: nil, make: { Undrawable() }))
        }
        let checkpoint = try trainedCartPole()
        var model = try Checkpoint.load(from: checkpoint)
        model.envID = "Acrobot-v1"
        try Checkpoint.save(model, to: path("mismatched.json"))
        let cases: [(RenderRequest, String)] = [
            (RenderRequest(source: checkpoint, output: path("run.avi")), "unsupported extension; expected one of .png, .gif"),
            (RenderRequest(source: checkpoint, output: path("no/such/folder/run.gif")), "does not exist"),
            (RenderRequest(source: checkpoint, policy: .random, output: path("run.gif")), "drop --policy"),
            (RenderRequest(source: path("mismatched.json"), output: path("run.gif")),
             "does not fit Acrobot-v1"),
            (RenderRequest(source: "CartPol-v1", output: path("run.gif")), "Did you mean \"CartPole-v1\"?"),
            (RenderRequest(source: "Pendulum-v1", policy: .heuristic, output: path("run.gif")), "not available for Pendulum-v1"),
            (RenderRequest(source: "Undrawable-v0", output: path("run.gif")), "Undrawable-v0 cannot be drawn"),
            (RenderRequest(source: "CartPole-v1", output: path("run.gif"), options: RecordingOptions(episodes: 0)),
             "--episodes must be at least 1"),
        ]
        for (request, message) in cases {
            XCTAssertThrowsError(try RenderJob.run(request)) { XCTAssertTrue("\($0)".contains(message), "\($0)") }
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".json") }
        XCTAssertEqual(written, [], "nothing is written by a refused request")
    }
}
