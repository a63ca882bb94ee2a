extension Registry {
    /// gymnasium's classic-control tasks with their registered time limits and thresholds.
    static let classicControlSpecs: [EnvironmentSpec] = [
        EnvironmentSpec(id: CartPole.registeredID, maxEpisodeSteps: CartPole.registeredTimeLimit, rewardThreshold: 475, type: CartPole.self),
        EnvironmentSpec(id: Acrobot.registeredID, maxEpisodeSteps: Acrobot.registeredTimeLimit, rewardThreshold: -100, type: Acrobot.self),
        EnvironmentSpec(id: MountainCar.registeredID, maxEpisodeSteps: MountainCar.registeredTimeLimit, rewardThreshold: -110, type: MountainCar.self),
        EnvironmentSpec(
            id: MountainCarContinuous.registeredID, maxEpisodeSteps: MountainCarContinuous.registeredTimeLimit,
            rewardThreshold: 90, type: MountainCarContinuous.self
        ),
        EnvironmentSpec(id: Pendulum.registeredID, maxEpisodeSteps: Pendulum.registeredTimeLimit, rewardThreshold: nil, type: Pendulum.self),
    ]
}
