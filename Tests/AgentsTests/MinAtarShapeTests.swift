import XCTest
import Foundation
import Agents
import Engine
import Environments

/// A board of 20 × 20 × 1: as many values as Breakout's 10 × 10 × 4, in another shape.
private struct WideBoard: Environment {
    var observationSpace: BoxSpace { BoxSpace(low: .init(repeating: 0, count: 400), high: .init(repeating: 1, count: 400), shape: [20, 20, 1]) }
    var actionSpace: ActionSpace { .discrete(3) }
    mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) { observation.update(repeating: 0) }
    mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        StepResult(reward: 0, terminated: true)
    }
}

/// MinAtar's boards keep their (10, 10, C) shape from the registry through the defaults' network
/// and a checkpoint, and a model is checked against an environment's shape, not only its size;
/// Asterix and Space Invaders train without the gradient clip of the other games.
final class MinAtarShapeTests: XCTestCase {
    func testEveryGameRegistersItsBoardAndTheDefaultsSeeIt() throws {
        let channels = ["Asterix": 4, "Breakout": 4, "Freeway": 7, "Seaquest": 10, "SpaceInvaders": 6]
        let ids = Registry.ids.filter { $0.hasPrefix("MinAtar/") }
        XCTAssertEqual(ids.count, 10, "five games, each with all six actions (-v0) and the minimal set (-v1)")
        for id in ids {
            let game = String(id.dropFirst("MinAtar/".count).prefix { $0 != "-" })
            let env = try Registry.make(id)
            XCTAssertEqual(env.observationSpace.shape, [10, 10, try XCTUnwrap(channels[game], id)], id)
            let policy: PolicyHead = .categorical(actions: env.actionSpace.size)
            let defaults = Hyperparameters.defaults(for: id)
            let architecture = defaults.architecture(observationSize: env.observationSpace.size,
                                                     observationShape: env.observationSpace.shape, policy: policy)
            XCTAssertEqual(architecture.observationShape, env.observationSpace.shape, id)
            XCTAssertNoThrow(try ParameterLayout(architecture), id)
            let unclipped = game == "Asterix" || game == "SpaceInvaders"
            XCTAssertEqual(defaults.maxGradientNorm, unclipped ? nil : 0.5, "\(id): the gradient clip")
            XCTAssertEqual(defaults.learningRate, game == "SpaceInvaders" ? 1e-3 : 5e-4, "\(id): Adam's rate")
            XCTAssertEqual(defaults.activation, game == "SpaceInvaders" ? .relu : .silu, "\(id): the activation")
        }
    }

    func testACheckpointKeepsTheBoardAndIsRefusedByAnotherShapeOfTheSameSize() throws {
        let id = "MinAtar/Breakout-v1"
        let h = Hyperparameters.defaults(for: id)
        let architecture = h.architecture(observationSize: 400, observationShape: [10, 10, 4], policy: .categorical(actions: 3))
        let network = ActorCriticNetwork(architecture: architecture, seed: 3)
        let model = TrainedModel(envID: id, architecture: architecture, parameters: network.parameterArray,
                                 observationStatistics: nil, hyperparameters: h, steps: 10)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-minatar-shape-\(UUID().uuidString).json")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(model, to: url.path)
        let loaded = try Checkpoint.load(from: url.path)
        XCTAssertEqual(loaded.architecture.observationShape, [10, 10, 4])
        XCTAssertNoThrow(try loaded.checkFits(Registry.make(id)))

        XCTAssertThrowsError(try loaded.checkFits(WideBoard())) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains(BoxSpace.describe([10, 10, 4])) && message.contains(BoxSpace.describe([20, 20, 1])), message)
        }
        for other in ["MinAtar/Freeway-v1", "MinAtar/Asterix-v1", "MinAtar/Breakout-v0"] {
            XCTAssertThrowsError(try loaded.checkFits(Registry.make(other)), "another board or action set: \(other)")
        }
    }
}
