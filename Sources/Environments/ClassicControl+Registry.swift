extension Registry {
    /// gymnasium's classic-control tasks with their registered time limits and thresholds.
    static let classicControlSpecs: [EnvironmentSpec] = []
}
