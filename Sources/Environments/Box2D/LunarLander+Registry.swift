extension Registry {
    /// LunarLander-v3 and LunarLanderContinuous-v3 (aliases -v2).
    static let lunarLanderSpecs: [EnvironmentSpec] = [
        EnvironmentSpec(id: "LunarLander-v3", aliases: ["LunarLander-v2"], maxEpisodeSteps: 1000,
                        rewardThreshold: 200, make: { LunarLander() }),
        EnvironmentSpec(id: "LunarLanderContinuous-v3", aliases: ["LunarLanderContinuous-v2"], maxEpisodeSteps: 1000,
                        rewardThreshold: 200, make: { LunarLanderContinuous() }),
    ]
}
