import CBox2D
import Foundation
import SeededRandom

/// Chooses LunarLander's action space, as gymnasium's `continuous` flag does.
public protocol LunarLanderControls: SendableMetatype {
    /// `true`: a `Box(-1, 1, (2,))` throttle; `false`: `Discrete(4)` (noop, left, main, right).
    static var isContinuous: Bool { get }
    /// The registered id of the variant.
    static var id: String { get }
}

/// Four discrete actions: 0 noop, 1 fire left engine, 2 fire main engine, 3 fire right engine.
public enum DiscreteLanderControls: LunarLanderControls {
    public static var isContinuous: Bool { false }
    public static var id: String { "LunarLander-v3" }
}

/// Two throttles in [−1, 1]: main engine (off below 0, 50–100 % above) and side engines
/// (off within ±0.5, left below −0.5, right above 0.5, 50–100 %).
public enum ContinuousLanderControls: LunarLanderControls {
    public static var isContinuous: Bool { true }
    public static var id: String { "LunarLanderContinuous-v3" }
}

/// gymnasium 1.x's `LunarLander-v3` with discrete actions.
public typealias LunarLander = LunarLanderEnvironment<DiscreteLanderControls>
/// gymnasium 1.x's `LunarLander-v3` with `continuous=True`, registered as `LunarLanderContinuous-v3`.
public typealias LunarLanderContinuous = LunarLanderEnvironment<ContinuousLanderControls>

/// gymnasium 1.x's LunarLander on Box2D 2.4: a lander with two sprung legs must settle on the
/// helipad at (0, 0) of a random terrain. Rewards, observations, engine impulses, wind and random
/// draws follow gymnasium's `lunar_lander.py`; the registered time limit is 1000 steps. gymnasium's exhaust
/// particles only decorate its pictures: they move beside the world after `prepareForRendering()`.
///
/// The Box2D world lives in a class instance owned by this value. Copying the value is cheap;
/// the first mutation of a copy whose world is shared rebuilds the world from the bodies' poses,
/// velocities and contact records, so copies are independent but Box2D's contact cache and
/// sleep timers start afresh in the rebuilt one. Not `Sendable`: use an instance from one thread.
public struct LunarLanderEnvironment<Controls: LunarLanderControls>: ReplayableEnvironment {
    public let options: LunarLanderOptions
    var generator: Xoshiro256
    var world: LanderWorld?
    var windIndex = 0
    var torqueIndex = 0
    var previousShaping: Double?
    var episodeOver = true
    /// The exhaust particles, `nil` unless the environment is rendered.
    var exhaust: LanderExhaust?
    /// How the last episode ended (crash, out of bounds, at rest or time limit); `nil` while it runs.
    public private(set) var episodeEnding: EpisodeEnding?

    /// The environment with gymnasium's default options; an unseeded first reset draws its seed
    /// from the system's generator.
    public init() { self.init(options: .gymnasium) }

    public init(options: LunarLanderOptions) {
        self.options = options
        generator = Xoshiro256(seed: UInt64.random(in: .min ... .max))
    }

    public var id: String { Controls.id }

    /// gymnasium 1.x's bounds: x, y in ±2.5, velocities in ±10, angle in ±2π, angular velocity
    /// in ±10, leg contacts in [0, 1].
    public var observationSpace: BoxSpace {
        let pi2 = Float(2 * Double.pi)
        return BoxSpace(low: [-2.5, -2.5, -10, -10, -pi2, -10, 0, 0], high: [2.5, 2.5, 10, 10, pi2, 10, 1, 1])
    }

    public var actionSpace: ActionSpace {
        Controls.isContinuous ? .box(BoxSpace(low: [-1, -1], high: [1, 1])) : .discrete(4)
    }

    public mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) {
        if let seed { generator = Xoshiro256(seed: seed) }
        world = nil
        let terrain = LanderTerrain(generator: &generator)
        let force = CB2Vec2(x: Float(generator.uniform(-Lander.initialRandom, Lander.initialRandom)),
                            y: Float(generator.uniform(-Lander.initialRandom, Lander.initialRandom)))
        if options.enableWind {
            windIndex = generator.nextInt(below: 19_998) - 9_999
            torqueIndex = generator.nextInt(below: 19_998) - 9_999
        }
        let bodies = LanderWorld.initialBodies()
        let world = LanderWorld(gravity: options.gravity, terrain: terrain, lander: bodies.lander, legs: bodies.legs)
        cb2_body_apply_force_to_center(world.lander, force)
        self.world = world
        previousShaping = nil
        exhaust?.removeAll()
        _ = advance(world, EngineThrottle(), observation: observation)
        episodeOver = false
        episodeEnding = nil
    }

    public mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        guard !Controls.isContinuous else {
            throw .invalidAction(env: id, action: "\(action)", space: actionSpace,
                                 reason: "this environment takes continuous actions: 2 throttles in [-1, 1]")
        }
        guard (0..<4).contains(action) else {
            throw .invalidAction(env: id, action: "\(action)", space: actionSpace,
                                 reason: "expected 0 (noop), 1 (left engine), 2 (main engine) or 3 (right engine)")
        }
        return try finishStep(EngineThrottle(discrete: action), observation: observation)
    }

    public mutating func step(continuous action: UnsafeBufferPointer<Float>, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        guard Controls.isContinuous else {
            throw .invalidAction(env: id, action: "\(Array(action))", space: actionSpace,
                                 reason: "this environment takes discrete actions 0, 1, 2 or 3")
        }
        guard action.count == 2, action[0].isFinite, action[1].isFinite else {
            throw .invalidAction(env: id, action: "\(Array(action))", space: actionSpace,
                                 reason: "expected 2 finite throttles (main, lateral), clipped to [-1, 1]")
        }
        return try finishStep(EngineThrottle(main: action[0], lateral: action[1]), observation: observation)
    }

    /// The lander body's `[x, y, angle, vx, vy, angular velocity]` in Box2D units (metres,
    /// radians, per second); empty before the first reset.
    public var state: [Double] {
        guard let world else { return [] }
        let s = cb2_body_state(world.lander)
        return [Double(s.position.x), Double(s.position.y), Double(s.angle),
                Double(s.linearVelocity.x), Double(s.linearVelocity.y), Double(s.angularVelocity)]
    }

    /// Rebuilds the world on the current terrain (drawn by `reset(seed: nil)` if there is none
    /// yet) with the lander in `state` (see `state`), its legs hanging at their flight limits and
    /// moving with it and no contacts. The next reward is the change of
    /// shaping from this state.
    public mutating func setState(_ state: [Double], observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) {
        guard state.count == 6, state.allSatisfy(\.isFinite) else {
            throw .invalidState(env: id, state: state,
                                expected: "6 finite values: x, y, angle, vx, vy, angular velocity of the lander body (Box2D units)")
        }
        if world == nil { reset(seed: nil, observation: observation) }
        let bodies = LanderWorld.bodies(pose: state)
        let world = LanderWorld(gravity: options.gravity, terrain: self.world!.terrain, lander: bodies.lander, legs: bodies.legs,
                                legsMoveWithLander: true)
        self.world = world
        previousShaping = observe(world, into: observation).shaping
        episodeOver = false
        episodeEnding = nil
    }
}

/// The engines' powers for one step, decoded from an action as gymnasium does.
struct EngineThrottle {
    /// Main engine power: 0 (off) or 0.5...1.
    var main = 0.0
    /// Side engine power: 0 (off) or 0.5...1.
    var side = 0.0
    /// −1 fires the left engine, +1 the right one.
    var direction = 0.0

    init() {}

    init(discrete action: Int) {
        switch action {
        case 1, 3: side = 1; direction = Double(action - 2)
        case 2: main = 1
        default: break
        }
    }

    /// Clips both throttles to [−1, 1] first.
    init(main a0: Float, lateral a1: Float) {
        let m = Double(min(max(a0, -1), 1)), l = Double(min(max(a1, -1), 1))
        if m > 0 { main = (min(max(m, 0), 1) + 1) * 0.5 }
        if abs(l) > 0.5 {
            direction = l > 0 ? 1 : -1
            side = min(max(abs(l), 0.5), 1)
        }
    }
}

extension LunarLanderEnvironment {
    /// Validates the episode and advances it.
    mutating func finishStep(_ throttle: EngineThrottle, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        guard !episodeOver, world != nil else { throw .episodeEnded(env: id) }
        if !isKnownUniquelyReferenced(&world) { world = world!.copy() }
        let result = advance(world!, throttle, observation: observation)
        episodeOver = result.terminated
        return result
    }

    /// One gymnasium step: wind, engine impulses, a Box2D step, the
    /// observation, shaping reward, fuel cost and termination.
    mutating func advance(_ world: LanderWorld, _ throttle: EngineThrottle, observation: UnsafeMutableBufferPointer<Float>) -> StepResult {
        let lander = world.lander
        if options.enableWind
            && !cb2_world_contact_flag(world.world, Lander.legSlots.0)
            && !cb2_world_contact_flag(world.world, Lander.legSlots.1) {
            let wind = tanh(sin(0.02 * Double(windIndex)) + sin(Double.pi * 0.01 * Double(windIndex))) * options.windPower
            windIndex += 1
            cb2_body_apply_force_to_center(lander, CB2Vec2(x: Float(wind), y: 0))
            let torque = tanh(sin(0.02 * Double(torqueIndex)) + sin(Double.pi * 0.01 * Double(torqueIndex))) * options.turbulencePower
            torqueIndex += 1
            cb2_body_apply_torque(lander, Float(torque))
        }

        let body = cb2_body_state(lander)
        let (px, py) = (Double(body.position.x), Double(body.position.y))
        let tip = (sin(Double(body.angle)), cos(Double(body.angle)))
        let side = (-tip.1, tip.0)
        let dispersion = (generator.uniform(-1, 1) / Lander.scale, generator.uniform(-1, 1) / Lander.scale)

        if throttle.main > 0 {
            let reach = 4 / Lander.scale + 2 * dispersion.0
            let ox = tip.0 * reach + side.0 * dispersion.1
            let oy = -tip.1 * reach - side.1 * dispersion.1
            let power = Lander.mainEnginePower * throttle.main
            cb2_body_apply_linear_impulse(lander, CB2Vec2(x: Float(-ox * power), y: Float(-oy * power)),
                                          CB2Vec2(x: Float(px + ox), y: Float(py + oy)))
            exhaust?.emit(x: px + ox, y: py + oy, impulse: (ox * power, oy * power), density: 3.5, timeToLive: throttle.main)
        }
        if throttle.side > 0 {
            let lateral = 3 * dispersion.1 + throttle.direction * Lander.sideEngineAway / Lander.scale
            let ox = tip.0 * dispersion.0 + side.0 * lateral
            let oy = -tip.1 * dispersion.0 - side.1 * lateral
            let power = Lander.sideEnginePower * throttle.side
            let point = CB2Vec2(x: Float(px + ox - tip.0 * 17 / Lander.scale),
                                y: Float(py + oy + tip.1 * Lander.sideEngineHeight / Lander.scale))
            cb2_body_apply_linear_impulse(lander, CB2Vec2(x: Float(-ox * power), y: Float(-oy * power)), point)
            exhaust?.emit(x: Double(point.x), y: Double(point.y), impulse: (ox * power, oy * power), density: 0.7, timeToLive: throttle.side)
        }

        cb2_world_step(world.world, Float(1 / Lander.fps), 6 * 30, 2 * 30)
        exhaust?.advance(terrain: world.terrain, gravity: options.gravity, dt: 1 / Lander.fps)

        let (shaping, x) = observe(world, into: observation)
        var reward = previousShaping.map { shaping - $0 } ?? 0
        previousShaping = shaping
        reward -= throttle.main * 0.30
        reward -= throttle.side * 0.03

        var terminated = false
        let crashed = cb2_world_contact_began(world.world, Lander.landerSlot)
        if crashed || abs(x) >= 1 {
            terminated = true
            reward = -100
            episodeEnding = crashed ? .crash : .outOfBounds
        }
        if !cb2_body_state(lander).awake {
            terminated = true
            reward = 100
            episodeEnding = .rest
        }
        return StepResult(reward: reward, terminated: terminated, truncated: false)
    }

    /// Writes gymnasium's 8 observations and returns their shaping value
    /// −100·‖(x, y)‖ − 100·‖(vx, vy)‖ − 100·|angle| + 10 per leg in contact, with x in full precision.
    func observe(_ world: LanderWorld, into observation: UnsafeMutableBufferPointer<Float>) -> (shaping: Double, x: Double) {
        precondition(observation.count >= 8, "LunarLander needs an observation buffer of 8, got \(observation.count)")
        let body = cb2_body_state(world.lander)
        let halfWidth = Lander.width / 2, halfHeight = Lander.height / 2
        let x = (Double(body.position.x) - halfWidth) / halfWidth
        let y = (Double(body.position.y) - (Lander.helipadY + Lander.legDown / Lander.scale)) / halfHeight
        let vx = Double(body.linearVelocity.x) * halfWidth / Lander.fps
        let vy = Double(body.linearVelocity.y) * halfHeight / Lander.fps
        let angle = Double(body.angle)
        let spin = 20 * Double(body.angularVelocity) / Lander.fps
        let left: Double = cb2_world_contact_flag(world.world, Lander.legSlots.0) ? 1 : 0
        let right: Double = cb2_world_contact_flag(world.world, Lander.legSlots.1) ? 1 : 0
        observation[0] = Float(x)
        observation[1] = Float(y)
        observation[2] = Float(vx)
        observation[3] = Float(vy)
        observation[4] = Float(angle)
        observation[5] = Float(spin)
        observation[6] = Float(left)
        observation[7] = Float(right)
        let shaping = -100 * (x * x + y * y).squareRoot() - 100 * (vx * vx + vy * vy).squareRoot() - 100 * abs(angle)
            + 10 * left + 10 * right
        return (shaping, x)
    }
}
