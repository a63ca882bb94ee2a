import Environments
import XCTest

final class LunarLanderTests: XCTestCase {
    /// gymnasium's shaping from an observation: position, speed and tilt penalties, +10 per leg.
    private func shaping(_ o: [Float]) -> Double {
        let x = Double(o[0]), y = Double(o[1]), vx = Double(o[2]), vy = Double(o[3])
        return -100 * (x * x + y * y).squareRoot() - 100 * (vx * vx + vy * vy).squareRoot() - 100 * abs(Double(o[4]))
            + 10 * Double(o[6]) + 10 * Double(o[7])
    }

    /// Lander pose above the helipad centre: (x, y, angle, vx, vy, ω) in Box2D units.
    private func hover(height: Double, angle: Double = 0, vx: Double = 0, vy: Double = 0) -> [Double] {
        [10, 100.0 / 30 + height, angle, vx, vy, 0]
    }

    // MARK: Baselines against gymnasium's figures

    func testHeuristicScoresAboveThresholdInBothVariants() throws {
        for id in ["LunarLander-v3", "LunarLanderContinuous-v3"] {
            let summary = try rollout(envID: id, policy: .heuristic, episodes: 100, seed: 0)
            XCTAssertGreaterThanOrEqual(summary.meanReturn, 200, "\(id): heuristic mean \(summary.meanReturn)")
            XCTAssertGreaterThanOrEqual(summary.shareAtThreshold!, 0.8, id)
        }
    }

    func testRandomPolicyMeanMatchesGymnasium() throws {
        for id in ["LunarLander-v3", "LunarLanderContinuous-v3"] {
            let summary = try rollout(envID: id, policy: .random, episodes: 100, seed: 0)
            XCTAssert((-260.0 ... -140.0).contains(summary.meanReturn), "\(id): random mean \(summary.meanReturn)")
            XCTAssert((60.0...160.0).contains(summary.meanLength), "\(id): random mean length \(summary.meanLength)")
        }
    }

    func testEpisodesEndByCrashRestOrTimeLimit() throws {
        var seen = Set<EpisodeEnding>()
        for policy in BaselinePolicy.allCases {
            var env = limited(LunarLander())
            var actions = SplitMixForTests(state: 42)
            for k in 0..<100 {
                var o = env.reset(seed: UInt64(k))
                var r = StepResult(reward: 0, terminated: false, truncated: false)
                while !r.done {
                    XCTAssertNil(env.episodeEnding)
                    let a = policy == .heuristic
                        ? o.withUnsafeBufferPointer { LunarLanderHeuristic.discreteAction(observation: $0) }
                        : Int.random(in: 0..<4, using: &actions)
                    (o, r) = try env.step(.discrete(a))
                }
                let ending = try XCTUnwrap(env.episodeEnding)
                seen.insert(ending)
                switch ending {
                case .crash, .outOfBounds:
                    XCTAssertTrue(r.terminated)
                    XCTAssertEqual(r.reward, -100)
                    if ending == .outOfBounds { XCTAssertGreaterThanOrEqual(abs(o[0]), 1) }
                case .rest:
                    XCTAssertTrue(r.terminated)
                    XCTAssertEqual(r.reward, 100)
                case .timeLimit:
                    XCTAssertTrue(r.truncated)
                    XCTAssertFalse(r.terminated)
                    XCTAssertEqual(env.elapsedSteps, 1000)
                case .terminated, .fell, .finished:
                    XCTFail("LunarLander names every ending, none of them a walker's: \(ending)")
                }
                XCTAssertLessThanOrEqual(env.elapsedSteps, 1000)
            }
        }
        XCTAssertTrue(seen.isSuperset(of: [.crash, .rest, .timeLimit]), "endings seen: \(seen)")
    }

    // MARK: Reward terms

    func testLegContactAddsTenToShaping() throws {
        var env = LunarLander()
        _ = env.reset(seed: 1)
        var o = try env.setState(hover(height: 0.8))
        var touched = 0.0
        for _ in 0..<200 {
            let (next, r) = try env.step(.discrete(0))
            let legs = Double(next[6] + next[7] - o[6] - o[7])
            let continuousPart = shaping(next) - 10 * Double(next[6] + next[7]) - (shaping(o) - 10 * Double(o[6] + o[7]))
            if !r.done { XCTAssertEqual(r.reward, continuousPart + 10 * legs, accuracy: 1e-3) }
            touched += max(legs, 0)
            o = next
            if r.done { break }
        }
        XCTAssertGreaterThanOrEqual(touched, 1, "no leg touched the helipad")
    }

    func testFuelCostPerEngine() throws {
        let start = hover(height: 3)
        func cost(_ action: Action, continuous: Bool) throws -> Double {
            var env: any ReplayableEnvironment = continuous ? LunarLanderContinuous() : LunarLander()
            _ = env.reset(seed: 2)
            let o0 = try env.setState(start)
            let (o1, r) = try env.step(action)
            XCTAssertFalse(r.done)
            return shaping(o1) - shaping(o0) - r.reward
        }
        XCTAssertEqual(try cost(.discrete(0), continuous: false), 0, accuracy: 1e-3)
        XCTAssertEqual(try cost(.discrete(2), continuous: false), 0.3, accuracy: 1e-3)
        XCTAssertEqual(try cost(.discrete(1), continuous: false), 0.03, accuracy: 1e-3)
        XCTAssertEqual(try cost(.discrete(3), continuous: false), 0.03, accuracy: 1e-3)
        XCTAssertEqual(try cost(.continuous([1, 0]), continuous: true), 0.3, accuracy: 1e-3)
        XCTAssertEqual(try cost(.continuous([0.5, 0]), continuous: true), 0.225, accuracy: 1e-3)
        XCTAssertEqual(try cost(.continuous([-0.5, 0.4]), continuous: true), 0, accuracy: 1e-3)
        XCTAssertEqual(try cost(.continuous([-1, -0.75]), continuous: true), 0.0225, accuracy: 1e-3)
        XCTAssertEqual(try cost(.continuous([3, 7]), continuous: true), 0.33, accuracy: 1e-3)
    }

    func testEnginesPushTheLander() throws {
        var env = LunarLander()
        _ = env.reset(seed: 3)
        let o0 = try env.setState(hover(height: 3))
        let (main, _) = try env.step(.discrete(2))
        XCTAssertGreaterThan(main[3], o0[3] - 0.01, "main engine should slow the fall")
        _ = try env.setState(hover(height: 3))
        let (left, _) = try env.step(.discrete(1))
        _ = try env.setState(hover(height: 3))
        let (right, _) = try env.step(.discrete(3))
        XCTAssertGreaterThan(left[5], 0, "left engine turns the lander counter-clockwise")
        XCTAssertLessThan(right[5], 0, "right engine turns the lander clockwise")
    }

    func testCrashGivesMinusHundredAndTerminates() throws {
        var env = LunarLander()
        _ = env.reset(seed: 4)
        _ = try env.setState(hover(height: 1, angle: .pi, vy: -5))
        var r = StepResult(reward: 0, terminated: false, truncated: false)
        while !r.done { r = try env.step(.discrete(0)).result }
        XCTAssertTrue(r.terminated)
        XCTAssertEqual(r.reward, -100)
        XCTAssertEqual(env.episodeEnding, .crash)
        XCTAssertThrowsError(try env.step(.discrete(0))) { XCTAssertEqual($0 as? EnvironmentError, .episodeEnded(env: "LunarLander-v3")) }
    }

    func testLeavingTheViewportGivesMinusHundred() throws {
        var env = LunarLanderContinuous()
        _ = env.reset(seed: 5)
        _ = try env.setState([0.1, 10, 0, -10, 0, 0])
        let (o, r) = try env.step(.continuous([-1, 0]))
        XCTAssertLessThanOrEqual(o[0], -1)
        XCTAssertTrue(r.terminated)
        XCTAssertEqual(r.reward, -100)
        XCTAssertEqual(env.episodeEnding, .outOfBounds)
    }

    // MARK: Seeding, state, copies

    func testSameSeedSameEpisodeBitForBit() throws {
        func trace(_ seed: UInt64, wind: Bool) throws -> [Float] {
            var env = LunarLanderContinuous(options: try LunarLanderOptions(enableWind: wind))
            var o = env.reset(seed: seed)
            var out = o
            var r = StepResult(reward: 0, terminated: false, truncated: false)
            while !r.done {
                let a = o.withUnsafeBufferPointer { LunarLanderHeuristic.continuousAction(observation: $0) }
                (o, r) = try env.step(.continuous([a.main, a.lateral]))
                out += o + [Float(r.reward)]
            }
            return out
        }
        XCTAssertEqual(try trace(7, wind: false), try trace(7, wind: false))
        XCTAssertEqual(try trace(7, wind: true), try trace(7, wind: true))
        XCTAssertNotEqual(try trace(7, wind: false), try trace(8, wind: false))
        XCTAssertNotEqual(try trace(7, wind: false), try trace(7, wind: true))
    }

    func testResetWithoutSeedContinuesTheGenerator() {
        var a = LunarLander(), b = LunarLander()
        _ = a.reset(seed: 9)
        _ = b.reset(seed: 9)
        XCTAssertEqual(a.reset(seed: nil), b.reset(seed: nil))
        XCTAssertNotEqual(a.reset(seed: 9), a.reset(seed: nil))
    }

    func testStateRoundTripsThroughSetState() throws {
        var env = limited(LunarLander())
        XCTAssertEqual(env.state, [])
        _ = env.reset(seed: 10)
        XCTAssertEqual(env.state.count, 6)
        let pose = [8.5, 9.25, 0.3, 1.5, -2, 0.4]
        let o = try env.setState(pose)
        XCTAssertEqual(env.elapsedSteps, 0)
        for (s, p) in zip(env.state, pose) { XCTAssertEqual(s, p, accuracy: 1e-6) }
        XCTAssertEqual(Double(o[0]), (8.5 - 10) / 10, accuracy: 1e-6)
        XCTAssertEqual(Double(o[2]), 1.5 * 10 / 50, accuracy: 1e-6)
        XCTAssertEqual(Double(o[5]), 20 * 0.4 / 50, accuracy: 1e-6)
        XCTAssertThrowsError(try env.setState([1, 2, 3])) { XCTAssert($0 is EnvironmentError) }
        XCTAssertThrowsError(try env.setState([1, 2, 3, 4, .nan, 6])) { XCTAssert($0 is EnvironmentError) }
    }

    func testCopiesAreIndependent() throws {
        var env = limited(LunarLander())
        _ = env.reset(seed: 11)
        _ = try env.step(.discrete(2))
        let before = env.state
        var copy = env
        for _ in 0..<10 { _ = try copy.step(.discrete(2)) }
        XCTAssertEqual(env.state, before)
        XCTAssertEqual(env.elapsedSteps, 1)
        XCTAssertEqual(copy.elapsedSteps, 11)
        XCTAssertNotEqual(copy.state, before)
        _ = try env.step(.discrete(0))
        XCTAssertEqual(env.elapsedSteps, 2)
    }

    // MARK: Invalid input

    func testInvalidActionsThrow() throws {
        var discrete = LunarLander()
        XCTAssertThrowsError(try discrete.step(.discrete(0))) { XCTAssertEqual($0 as? EnvironmentError, .episodeEnded(env: "LunarLander-v3")) }
        _ = discrete.reset(seed: 12)
        for bad in [Action.discrete(-1), .discrete(4), .continuous([0, 0])] {
            XCTAssertThrowsError(try discrete.step(bad)) { error in
                guard case let .invalidAction(env, action, space, _)? = error as? EnvironmentError else { return XCTFail("\(error)") }
                XCTAssertEqual(env, "LunarLander-v3")
                XCTAssertEqual(action, bad.description)
                XCTAssertEqual(space, .discrete(4))
            }
        }
        var continuous = limited(LunarLanderContinuous())
        _ = continuous.reset(seed: 12)
        for bad in [Action.continuous([0]), .continuous([0, 0, 0]), .continuous([.nan, 0]), .continuous([0, .infinity]), .discrete(1)] {
            XCTAssertThrowsError(try continuous.step(bad)) { error in
                guard case let .invalidAction(env, _, space, reason)? = error as? EnvironmentError else { return XCTFail("\(error)") }
                XCTAssertEqual(env, "LunarLanderContinuous-v3")
                XCTAssertEqual(space, .box(BoxSpace(low: [-1, -1], high: [1, 1])))
                XCTAssertFalse(reason.isEmpty)
            }
        }
        XCTAssertEqual(continuous.elapsedSteps, 0)
    }

    func testOptionsAreValidated() {
        XCTAssertThrowsError(try LunarLanderOptions(gravity: -12)) { XCTAssertEqual($0 as? LunarLanderOptionsError, .gravity(-12)) }
        XCTAssertThrowsError(try LunarLanderOptions(gravity: 0))
        XCTAssertThrowsError(try LunarLanderOptions(windPower: .nan))
        XCTAssertNoThrow(try LunarLanderOptions(gravity: -11.9, enableWind: true, windPower: 25, turbulencePower: 3))
    }

    func testLowerGravityFallsSlower() throws {
        var moon = LunarLander(options: try LunarLanderOptions(gravity: -1.6))
        var standard = LunarLander()
        _ = moon.reset(seed: 13)
        _ = standard.reset(seed: 13)
        _ = try moon.setState(hover(height: 5))
        _ = try standard.setState(hover(height: 5))
        for _ in 0..<20 {
            _ = try moon.step(.discrete(0))
            _ = try standard.step(.discrete(0))
        }
        XCTAssertGreaterThan(moon.state[4], standard.state[4])
    }

    // MARK: Registry

    func testIDsAndAliasesResolve() throws {
        for (id, alias, continuous) in [("LunarLander-v3", "LunarLander-v2", false), ("LunarLanderContinuous-v3", "LunarLanderContinuous-v2", true)] {
            let spec = try Registry.spec(alias)
            XCTAssertEqual(spec.id, id)
            XCTAssertEqual(spec.maxEpisodeSteps, 1000)
            XCTAssertEqual(spec.rewardThreshold, 200)
            let env = try Registry.make(alias)
            XCTAssertEqual(env.id, id)
            XCTAssertEqual(env.actionSpace.isDiscrete, !continuous)
            XCTAssertEqual(env.observationSpace.size, 8)
            XCTAssertEqual(BaselinePolicy.available(for: spec), [.random, .heuristic])
        }
    }

    func testRolloutRejectsBadRequests() {
        XCTAssertThrowsError(try rollout(envID: "LunarLander-v3", policy: .random, episodes: 0, seed: 0)) {
            XCTAssertEqual($0 as? RolloutError, .invalidEpisodeCount(0))
        }
        XCTAssertThrowsError(try rollout(envID: "LunarLandr-v3", policy: .random, episodes: 1, seed: 0)) {
            XCTAssertTrue("\($0)".contains("LunarLander-v3"))
        }
        let unavailable = RolloutError.policyUnavailable(.heuristic, envID: "CartPole-v1", available: [.random])
        XCTAssertEqual(unavailable.description, "policy \"heuristic\" is not available for CartPole-v1; available: random")
    }
}

/// A seeded generator for the tests' own random actions (SplitMix64).
private struct SplitMixForTests: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
