extension Registry {
    /// A Markdown table of the registered environments: id, observation space, action space,
    /// time limit and reward threshold.
    public static func environmentTable() -> String {
        var lines = [
            "| id | observation space | action space | time limit | reward threshold |",
            "| --- | --- | --- | ---: | ---: |",
        ]
        for spec in specs {
            let environment = spec.make()
            let threshold = spec.rewardThreshold.map { "\($0)" } ?? "none"
            lines.append("| \(spec.id) | \(environment.observationSpace) | \(environment.actionSpace) | \(spec.maxEpisodeSteps.map(String.init) ?? "none") | \(threshold) |")
        }
        return lines.joined(separator: "\n")
    }
}
