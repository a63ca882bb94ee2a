import CBox2D
import Foundation
import SeededRandom

/// gymnasium 1.x's BipedalWalker on Box2D 2.4: a hull on two legs, each with a hip and a knee
/// motor, must walk to the far end of a random terrain. `hardcore` adds stumps, stairs and pits
/// (`BipedalWalkerHardcore-v3`). Bodies, joints, motors, lidar, terrain, rewards and observations
/// follow gymnasium's `bipedal_walker.py`; gymnasium's clouds only decorate its pictures, drawn
/// from a fork of the episode's generator so that the dynamics' draws stay the same. A raw environment: the registered time limits (1600, hardcore 2000) are applied by
/// the registry's `TimeLimited` wrapper.
///
/// Observation (24): hull angle, 2·ω/50, horizontal and vertical speed scaled by 0.3·(20, 13.3)/50,
/// per leg hip angle, hip speed/4, knee angle + 1, knee speed/6, shin touching the ground (0/1),
/// then 10 lidar fractions. Action (4): hip and knee motor of each leg in [−1, 1]: the motor turns
/// at full speed in the action's sign with torque 80·min(|a|, 1).
///
/// Reward: 130·Δx/30 of the hull − 5·Δ|hull angle| − 0.028·Σ min(|aᵢ|, 1); −100 and the end
/// when the hull touches the ground or the walker leaves the terrain to the left; the episode
/// also ends (without penalty) past x = 190·14/30.
///
/// The Box2D world lives in a class instance owned by this value. Copying the value is cheap;
/// the first step of a copy whose world is shared rebuilds the world from the bodies' poses,
/// velocities and contact records, so copies are independent but Box2D's contact cache and joint
/// impulses start afresh in the rebuilt one. Not `Sendable`: use an instance from one thread.
public struct BipedalWalker: Environment {
    /// gymnasium's `hardcore` flag: obstacles on the course and the longer time limit.
    public let hardcore: Bool
    var generator: Xoshiro256
    var world: WalkerWorld?
    var previousShaping: Double?
    /// The generator the pictures' clouds are drawn from: a copy of the episode's after its terrain.
    var cloudGenerator = Xoshiro256(seed: 0)
    /// Steps since the last reset, which gymnasium's lidar sweep in the pictures follows.
    var stepsSinceReset = 0
    /// How the last episode ended (fell, out of bounds, finished); `nil` while it runs or when it
    /// has not ended by itself (the time limit is the wrapper's).
    public private(set) var episodeEnding: EpisodeEnding?

    /// A walker on gymnasium's normal or hardcore course; an unseeded first reset draws its seed
    /// from the system's generator.
    public init(hardcore: Bool = false) {
        self.hardcore = hardcore
        generator = Xoshiro256(seed: UInt64.random(in: .min ... .max))
    }

    public var id: String { hardcore ? "BipedalWalkerHardcore-v3" : "BipedalWalker-v3" }

    /// gymnasium's bounds: angles in ±π, speeds in ±5, contacts in [0, 5], lidar in ±1.
    public var observationSpace: BoxSpace {
        let pi = Float.pi
        let leg: ([Float], [Float]) = ([-pi, -5, -pi, -5, 0], [pi, 5, pi, 5, 5])
        return BoxSpace(low: [-pi, -5, -5, -5] + leg.0 + leg.0 + [Float](repeating: -1, count: 10),
                        high: [pi, 5, 5, 5] + leg.1 + leg.1 + [Float](repeating: 1, count: 10))
    }

    public var actionSpace: ActionSpace { .box(BoxSpace(low: [-1, -1, -1, -1], high: [1, 1, 1, 1])) }

    /// Builds a new course and walker, pushes the hull by a horizontal force uniform in ±5 and,
    /// as gymnasium does, takes one step with all motors off to produce the first observation.
    public mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) {
        if let seed { generator = Xoshiro256(seed: seed) }
        let terrain = WalkerTerrain(hardcore: hardcore, generator: &generator)
        var fork = generator
        cloudGenerator = fork.split()
        start(on: terrain, push: generator.uniform(-Walker.initialRandom, Walker.initialRandom), observation: observation)
    }

    /// Starts an episode on `terrain` with the hull pushed by horizontal force `push`, standing at
    /// `x` (gymnasium's start by default).
    mutating func start(on terrain: WalkerTerrain, push: Double, x: Double = Walker.startX, observation: UnsafeMutableBufferPointer<Float>) {
        precondition(observation.count >= 24, "BipedalWalker needs an observation buffer of 24, got \(observation.count)")
        world = nil
        let world = WalkerWorld(terrain: terrain, bodies: WalkerWorld.standingBodies(x: x))
        cb2_body_apply_force_to_center(world.hull, CB2Vec2(x: Float(push), y: 0))
        self.world = world
        previousShaping = nil
        stepsSinceReset = 0
        let idle: (Float, Float, Float, Float) = (0, 0, 0, 0)
        withUnsafeBytes(of: idle) { raw in
            _ = advance(world, raw.bindMemory(to: Float.self), observation: observation)
        }
        episodeEnding = nil
    }

    /// Throws for an action that is not 4 finite values; a step after the episode ended continues
    /// the physics (order is the wrapper's to enforce).
    public mutating func step(continuous action: UnsafeBufferPointer<Float>, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        guard action.count == 4, action.allSatisfy(\.isFinite) else {
            throw .invalidAction(env: id, action: "\(Array(action))", space: actionSpace,
                                 reason: "expected 4 finite motor commands (hip, knee, hip, knee), clipped to [-1, 1]")
        }
        guard world != nil else { throw .notReset(env: id) }
        if !isKnownUniquelyReferenced(&world) { world = world!.copy() }
        stepsSinceReset += 1
        return advance(world!, action, observation: observation)
    }

    /// One gymnasium step: motors, a Box2D step at 50 Hz (180 velocity, 60 position iterations),
    /// lidar, observation, reward and termination.
    mutating func advance(_ world: WalkerWorld, _ action: UnsafeBufferPointer<Float>, observation: UnsafeMutableBufferPointer<Float>) -> StepResult {
        precondition(observation.count >= 24, "BipedalWalker needs an observation buffer of 24, got \(observation.count)")
        world.drive(action)
        cb2_world_step(world.world, Float(1 / Walker.fps), 6 * 30, 2 * 30)
        let hull = cb2_body_state(world.hull)
        let x = Double(hull.position.x)
        let angle = observe(world, hull, into: observation)

        let shaping = 130 * x / Walker.scale - 5 * abs(angle)
        var reward = previousShaping.map { shaping - $0 } ?? 0
        previousShaping = shaping
        for i in 0..<4 { reward -= 0.00035 * Walker.motorsTorque * Double(min(abs(action[i]), 1)) }

        var terminated = false
        let fell = cb2_world_contact_began(world.world, Walker.hullSlot)
        if fell || x < 0 {
            reward = -100
            terminated = true
            episodeEnding = fell ? .fell : .outOfBounds
        }
        if x > Walker.finishX {
            terminated = true
            if episodeEnding == nil { episodeEnding = .finished }
        }
        return StepResult(reward: reward, terminated: terminated, truncated: false)
    }

    /// Writes gymnasium's 24 observations and returns the hull angle.
    @inline(__always)
    func observe(_ world: WalkerWorld, _ hull: CB2BodyState, into o: UnsafeMutableBufferPointer<Float>) -> Double {
        o[0] = hull.angle
        o[1] = Float(2 * Double(hull.angularVelocity) / Walker.fps)
        o[2] = Float(0.3 * Double(hull.linearVelocity.x) * (Walker.viewportWidth / Walker.scale) / Walker.fps)
        o[3] = Float(0.3 * Double(hull.linearVelocity.y) * (Walker.viewportHeight / Walker.scale) / Walker.fps)
        func leg(_ leg: WalkerLeg, slot: Int32, at base: Int) {
            let hip = cb2_joint_state(leg.hip), knee = cb2_joint_state(leg.knee)
            o[base] = hip.angle
            o[base + 1] = Float(Double(hip.speed) / Walker.speedHip)
            o[base + 2] = Float(Double(knee.angle) + 1)
            o[base + 3] = Float(Double(knee.speed) / Walker.speedKnee)
            o[base + 4] = cb2_world_contact_flag(world.world, slot) ? 1 : 0
        }
        leg(world.legs.0, slot: Walker.lowerLegSlots.0, at: 4)
        leg(world.legs.1, slot: Walker.lowerLegSlots.1, at: 9)
        for i in 0..<Walker.lidarRays { o[14 + i] = world.lidar(i, from: hull.position) }
        return Double(hull.angle)
    }

    /// The hull's position in metres (x grows along the course); `nil` before the first reset.
    public var hullPosition: (x: Double, y: Double)? {
        guard let world else { return nil }
        let p = cb2_body_state(world.hull).position
        return (Double(p.x), Double(p.y))
    }
}
