extension Registry {
    /// BipedalWalker-v3 (1600 steps) and BipedalWalkerHardcore-v3 (2000 steps), both solved at 300.
    static let bipedalWalkerSpecs: [EnvironmentSpec] = [
        EnvironmentSpec(id: "BipedalWalker-v3", maxEpisodeSteps: 1600, rewardThreshold: 300, make: { BipedalWalker() }),
        EnvironmentSpec(id: "BipedalWalkerHardcore-v3", maxEpisodeSteps: 2000, rewardThreshold: 300,
                        make: { BipedalWalker(hardcore: true) }),
    ]
}
