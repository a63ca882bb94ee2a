extension Registry {
    /// gymnasium's classic-control tasks with their registered time limits and thresholds.
    static let classicControlSpecs: [EnvironmentSpec] = [
        EnvironmentSpec(id: CartPole.registeredID, maxEpisodeSteps: CartPole.registeredTimeLimit, rewardThreshold: 475,
                        make: CartPole.init),
        EnvironmentSpec(id: Acrobot.registeredID, maxEpisodeSteps: Acrobot.registeredTimeLimit, rewardThreshold: -100,
                        make: Acrobot.init),
        EnvironmentSpec(id: MountainCar.registeredID, maxEpisodeSteps: MountainCar.registeredTimeLimit, rewardThreshold: -110,
                        make: MountainCar.init),
        EnvironmentSpec(id: MountainCarContinuous.registeredID, maxEpisodeSteps: MountainCarContinuous.registeredTimeLimit,
                        rewardThreshold: 90, make: MountainCarContinuous.init),
        EnvironmentSpec(id: Pendulum.registeredID, maxEpisodeSteps: Pendulum.registeredTimeLimit, rewardThreshold: nil,
                        make: Pendulum.init),
    ]
}
