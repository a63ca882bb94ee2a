extension Fixture {
    /// Replays every episode on a fresh instance of the registered environment: `setState` to the
    /// recorded initial state (step counter 0), then the recorded actions one by one, comparing
    /// each observation (the environment's `exactObservation` where it has one), reward and flag with the
    /// recording.
    ///
    /// With `expectedID`, throws `.environmentMismatch` unless the fixture records that
    /// environment (or an alias of it). Throws when the id is not registered or the environment
    /// refuses a recorded state or action.
    public func replay(expecting expectedID: String? = nil) throws(FixtureError) -> ReplayReport {
        let spec = try Self.registeredSpec(expectedID ?? env)
        if expectedID != nil && (try? Registry.spec(env))?.id != spec.id {
            throw .environmentMismatch(fixtureEnv: env, expected: spec.id)
        }

        var report = ReplayReport(env: spec.id)
        for (index, episode) in episodes.enumerated() {
            guard var environment = spec.make() as? any ReplayableEnvironment else {
                throw .notReplayable(env: spec.id)
            }
            let start = ReplayReport.Location(episode: index, step: 0)
            let initialObservation: [Float]
            do {
                initialObservation = try environment.setState(episode.initialState)
            } catch {
                throw .replayFailed(episode: index, step: 0, error: error)
            }
            report.recordObservation(environment.exactObservation ?? initialObservation.map(Double.init),
                                     expected: episode.initialObservation, at: start)
            for (offset, action) in episode.actions.enumerated() {
                let location = ReplayReport.Location(episode: index, step: offset + 1)
                let step: (observation: [Float], result: StepResult)
                do {
                    step = try environment.step(action)
                } catch {
                    throw .replayFailed(episode: index, step: offset + 1, error: error)
                }
                report.recordObservation(environment.exactObservation ?? step.observation.map(Double.init),
                                         expected: episode.observations[offset], at: location)
                report.recordReward(step.result.reward, expected: episode.rewards[offset], at: location)
                report.recordFlag("terminated", actual: step.result.terminated, expected: episode.terminated[offset], at: location)
                report.recordFlag("truncated", actual: step.result.truncated, expected: episode.truncated[offset], at: location)
                report.steps += 1
            }
            report.episodes += 1
        }
        return report
    }

    static func registeredSpec(_ id: String) throws(FixtureError) -> EnvironmentSpec {
        do {
            return try Registry.spec(id)
        } catch {
            throw .environment(error)
        }
    }
}
