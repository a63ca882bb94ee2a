extension Registry {
    /// LunarLander-v3 and LunarLanderContinuous-v3 (aliases -v2).
    static let lunarLanderSpecs: [EnvironmentSpec] = []
}
