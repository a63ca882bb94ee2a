/// An environment whose observations have some components zeroed, as rl-zoo's `MaskVelocityWrapper`
/// does to make a task partially observed: the components stay (multiplied by 0), so the spaces
/// are the base environment's. Velocities hidden, a policy must infer them from what it remembers.
public struct VelocityMasked<Base: Environment>: Environment {
    public var base: Base
    /// The components that read 0.
    public let maskedIndices: [Int]
    public let id: String

    public init(_ base: Base, masking indices: [Int], id: String) {
        precondition(indices.allSatisfy { base.observationSpace.size > $0 && $0 >= 0 },
                     "masked components \(indices) must lie within the observation's \(base.observationSpace.size)")
        self.base = base
        maskedIndices = indices
        self.id = id
    }

    public var observationSpace: BoxSpace { base.observationSpace }
    public var actionSpace: ActionSpace { base.actionSpace }

    @inlinable
    func mask(_ observation: UnsafeMutableBufferPointer<Float>) {
        for i in maskedIndices { observation[i] = 0 }
    }

    public mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) {
        base.reset(seed: seed, observation: observation)
        mask(observation)
    }

    public mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        let result = try base.step(discrete: action, observation: observation)
        mask(observation)
        return result
    }

    public mutating func step(continuous action: UnsafeBufferPointer<Float>, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        let result = try base.step(continuous: action, observation: observation)
        mask(observation)
        return result
    }
}

extension VelocityMasked: RenderableEnvironment where Base: RenderableEnvironment {
    public func frame() -> Frame { base.frame() }
    public var framesPerSecond: Int { base.framesPerSecond }
    public mutating func prepareForRendering() { base.prepareForRendering() }
}

extension Registry {
    /// rl-zoo's partially observed tasks: the originals' velocities zeroed, the same time limits and
    /// thresholds (Pendulum's none, as its original here).
    static let velocityMaskedSpecs: [EnvironmentSpec] = [
        EnvironmentSpec(id: "CartPoleNoVel-v1", maxEpisodeSteps: CartPole.registeredTimeLimit, rewardThreshold: 475,
                        make: { VelocityMasked(CartPole(), masking: [1, 3], id: "CartPoleNoVel-v1") }),
        EnvironmentSpec(id: "PendulumNoVel-v1", maxEpisodeSteps: Pendulum.registeredTimeLimit, rewardThreshold: nil,
                        make: { VelocityMasked(Pendulum(), masking: [2], id: "PendulumNoVel-v1") }),
        EnvironmentSpec(id: "MountainCarContinuousNoVel-v0", maxEpisodeSteps: MountainCarContinuous.registeredTimeLimit, rewardThreshold: 90,
                        make: { VelocityMasked(MountainCarContinuous(), masking: [1], id: "MountainCarContinuousNoVel-v0") }),
        EnvironmentSpec(id: "LunarLanderNoVel-v3", maxEpisodeSteps: 1000, rewardThreshold: 200,
                        make: { VelocityMasked(LunarLander(), masking: [2, 3, 5], id: "LunarLanderNoVel-v3") }),
        EnvironmentSpec(id: "LunarLanderContinuousNoVel-v3", maxEpisodeSteps: 1000, rewardThreshold: 200,
                        make: { VelocityMasked(LunarLanderContinuous(), masking: [2, 3, 5], id: "LunarLanderContinuousNoVel-v3") }),
    ]
}
