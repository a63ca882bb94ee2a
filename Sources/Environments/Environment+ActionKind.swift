/// An environment with a discrete action space: `step(continuous:)` only throws.
protocol DiscreteActionEnvironment: Environment {}

extension DiscreteActionEnvironment {
    public mutating func step(continuous action: UnsafeBufferPointer<Float>, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        throw continuousActionForDiscreteSpace(action)
    }
}

/// An environment with a continuous action space: `step(discrete:)` only throws.
protocol ContinuousActionEnvironment: Environment {}

extension ContinuousActionEnvironment {
    public mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        throw discreteActionForContinuousSpace(action)
    }
}
