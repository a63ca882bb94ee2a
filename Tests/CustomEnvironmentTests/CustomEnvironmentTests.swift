import Agents
import Engine
import Environments
import Foundation
import XCTest

/// A user's own environments through the public API only: register, train, save, load, evaluate, act.
final class CustomEnvironmentTests: XCTestCase {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(getpid()).json").path
    }

    /// Registers `spec`, trains it to its threshold, and checks a checkpoint round trip, an
    /// evaluation by id and the deployment policy.
    func trainSaveLoadEvaluateAct(_ spec: EnvironmentSpec, algorithm: Algorithm, workers: Int,
                                  adjust: (inout Hyperparameters) -> Void = { _ in }) throws {
        try Registry.register(spec)
        var h = Hyperparameters.defaults(for: spec.id, algorithm: algorithm)
        h.workers = workers
        h.seed = 7
        h.maxSteps = 400_000
        adjust(&h)
        let result = try Trainer.train(envID: spec.id, hyperparameters: h)
        XCTAssertEqual(result.stopReason, .solved, "\(spec.id): \(result.summary)")

        let path = temporaryPath(spec.id)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(result.model, to: path)
        let model = try Checkpoint.load(from: path)
        XCTAssertEqual(model, result.model)

        let evaluation = try Evaluation.run(model, episodes: 20, deterministic: true, seed: 3)
        XCTAssertGreaterThanOrEqual(evaluation.mean, spec.rewardThreshold!, spec.id)

        let policy = try model.makePolicy()
        var env = spec.make()
        var observation = env.reset(seed: 11)
        var total = 0.0
        for _ in 0..<spec.maxEpisodeSteps! {
            let (next, step) = try env.step(try policy.act(observation))
            total += step.reward
            observation = next
            if step.done { break }
        }
        XCTAssertGreaterThanOrEqual(total, spec.rewardThreshold!, "\(spec.id): one deterministic episode")
    }

    func testDiscreteEnvironmentWithA3C() throws {
        try trainSaveLoadEvaluateAct(.corridor("Corridor-A3C-v0"), algorithm: .a3c, workers: 1)
    }

    func testDiscreteEnvironmentWithA2C() throws {
        try trainSaveLoadEvaluateAct(.corridor("Corridor-A2C-v0"), algorithm: .a2c, workers: 4)
    }

    func testContinuousEnvironmentWithA3C() throws {
        try trainSaveLoadEvaluateAct(.pointMass("PointMass-A3C-v0"), algorithm: .a3c, workers: 1)
    }

    func testContinuousEnvironmentWithA2C() throws {
        try trainSaveLoadEvaluateAct(.pointMass("PointMass-A2C-v0"), algorithm: .a2c, workers: 4)
    }

    func testTheSpecsTimeLimitTruncates() throws {
        let spec = EnvironmentSpec(id: "Corridor-Short-v0", maxEpisodeSteps: 3, rewardThreshold: nil, make: { Corridor() })
        var env = spec.make()
        _ = env.reset(seed: 1)
        let flags = try (1...3).map { _ in try env.step(.discrete(0)).result }
        XCTAssertEqual(flags.map(\.truncated), [false, false, true])
        XCTAssertThrowsError(try env.step(.discrete(0))) { XCTAssertEqual($0 as? EnvironmentError, .episodeEnded(env: "Corridor-Short-v0")) }
        XCTAssertEqual(try rollout(envID: "CartPole-v1", policy: .random, episodes: 1, seed: 1).episodes, 1)
    }

    func testTheOtherActionKindIsAClearError() {
        var corridor = Corridor()
        _ = corridor.reset(seed: nil)
        XCTAssertThrowsError(try corridor.step(.continuous([0.5]))) { error in
            XCTAssertTrue("\(error)".contains("discrete action"), "\(error)")
        }
        var point = PointMass()
        _ = point.reset(seed: 1)
        XCTAssertThrowsError(try point.step(.discrete(1))) { error in
            XCTAssertTrue("\(error)".contains("continuous action"), "\(error)")
        }
    }

    func testRegistrationErrors() throws {
        try Registry.register(.corridor("Corridor-Once-v0"))
        XCTAssertThrowsError(try Registry.register(.corridor("Corridor-Once-v0"))) {
            XCTAssertEqual($0 as? EnvironmentError, .duplicateID("Corridor-Once-v0"))
        }
        XCTAssertThrowsError(try Registry.register(.corridor("CartPole-v1"))) { XCTAssertEqual($0 as? EnvironmentError, .duplicateID("CartPole-v1")) }
        let alias = EnvironmentSpec(id: "Corridor-Alias-v1", aliases: ["LunarLander-v2"], maxEpisodeSteps: 10, rewardThreshold: nil,
                                    make: { Corridor() })
        XCTAssertThrowsError(try Registry.register(alias)) { XCTAssertEqual($0 as? EnvironmentError, .duplicateID("LunarLander-v2")) }
        let noLimit = EnvironmentSpec(id: "Corridor-Zero-v0", maxEpisodeSteps: 0, rewardThreshold: nil, make: { Corridor() })
        XCTAssertThrowsError(try Registry.register(noLimit)) { XCTAssertTrue("\($0)".contains("maxEpisodeSteps must be at least 1"), "\($0)") }
        XCTAssertThrowsError(try Trainer.train(spec: noLimit, hyperparameters: Hyperparameters()))
        XCTAssertThrowsError(try Registry.spec("Corridor-Zero-v0"))
        XCTAssertThrowsError(try Trainer.train(envID: "Corridor-Nowhere-v0", hyperparameters: Hyperparameters())) { error in
            guard case .environment(.unknownID(let id, _, _))? = error as? TrainingError else { return XCTFail("\(error)") }
            XCTAssertEqual(id, "Corridor-Nowhere-v0")
        }
    }

    func testRegistrationIsThreadSafe() throws {
        let ids = (0..<64).map { "Concurrent-\($0)-v0" }
        DispatchQueue.concurrentPerform(iterations: ids.count) { i in
            let registered = (try? Registry.register(.corridor(ids[i]))) != nil
            XCTAssertTrue(registered, ids[i])
            XCTAssertEqual((try? Registry.spec(ids[i]))?.id, ids[i])
        }
        let registered = Set(Registry.ids)
        for id in ids { XCTAssertTrue(registered.contains(id), id) }
    }

    /// A model labelled with an environment whose shapes it does not have.
    func mislabelledModel(envID: String, observationSize: Int) throws -> TrainedModel {
        var h = Hyperparameters()
        h.maxSteps = 10
        h.workers = 1
        h.hidden = [2]
        let trained = try Trainer.train(spec: .corridor("Corridor-Mislabel-v0"), hyperparameters: h).model
        let architecture = h.architecture(observationSize: observationSize, policy: .categorical(actions: 2))
        var model = trained
        model.envID = envID
        model.architecture = architecture
        model.parameters = [Float](repeating: 0.01, count: ActorCriticNetwork(architecture: architecture, seed: 1).parameterCount)
        model.progress = nil
        return model
    }

    func testMismatchOnLoad() throws {
        let model = try mislabelledModel(envID: "CartPole-v1", observationSize: 64)
        let path = temporaryPath("mismatch")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(model, to: path)
        XCTAssertThrowsError(try Checkpoint.load(from: path)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("observation 64, Discrete(2)") && message.contains("observation 4, Discrete(2)"), message)
        }
    }

    func testMismatchOnEvaluate() throws {
        for size in [64, 4_000_000] {
            let model = try mislabelledModel(envID: "CartPole-v1", observationSize: size)
            XCTAssertThrowsError(try Evaluation.run(model, episodes: 1, deterministic: true)) { error in
                guard case .mismatch(let mismatch)? = error as? EvaluationError else { return XCTFail("\(error)") }
                XCTAssertEqual(mismatch.model.observationSize, size)
                XCTAssertEqual(mismatch.environment.observationSize, 4)
                XCTAssertTrue("\(error)".contains("CartPole-v1"), "\(error)")
            }
        }
        let continuous = try mislabelledModel(envID: "Pendulum-v1", observationSize: 3)
        XCTAssertThrowsError(try Evaluation.run(continuous, episodes: 1, deterministic: true)) { error in
            XCTAssertTrue("\(error)".contains("Discrete(2)") && "\(error)".contains("Box(1)"), "\(error)")
        }
    }

    func testMismatchOnAct() throws {
        let policy = try mislabelledModel(envID: "Corridor-Mislabel-v0", observationSize: 1).makePolicy()
        XCTAssertThrowsError(try policy.act([0, 0, 0, 0])) { XCTAssertEqual($0 as? PolicyError, .observationSize(expected: 1, got: 4)) }
        XCTAssertThrowsError(try policy.act([.nan])) { error in
            guard case .nonFiniteObservation(index: 0, let value)? = error as? PolicyError, value.isNaN else { return XCTFail("\(error)") }
        }
        var action = [Float](repeating: 0, count: 3)
        XCTAssertThrowsError(try action.withUnsafeMutableBufferPointer { a in
            try [Float(0.5)].withUnsafeBufferPointer { o in try policy.act(observation: o, action: a) }
        }) { XCTAssertEqual($0 as? PolicyError, .actionBuffer(expected: 1, got: 3)) }
        XCTAssertThrowsError(try mislabelledModel(envID: "CartPole-v1", observationSize: 3).checkFits(Registry.spec("CartPole-v1")))
    }

    func testStochasticPoliciesAreSeeded() throws {
        let model = try mislabelledModel(envID: "Corridor-Mislabel-v0", observationSize: 1)
        func actions(seed: UInt64) throws -> [Action] {
            let policy = try model.makePolicy(mode: .stochastic(seed: seed))
            return try (0..<64).map { _ in try policy.act([0.5]) }
        }
        XCTAssertEqual(try actions(seed: 1), try actions(seed: 1))
        XCTAssertNotEqual(try actions(seed: 1), try actions(seed: 2))
    }
}
