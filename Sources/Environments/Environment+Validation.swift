extension Environment {
    /// The error for an action outside the action space, naming this environment and its space.
    @inlinable
    public func invalidAction(_ action: @autoclosure () -> String, reason: String) -> EnvironmentError {
        .invalidAction(env: id, action: action(), space: actionSpace, reason: reason)
    }

    /// Checks that a discrete `action` lies in `0..<count`.
    @inlinable
    public func checkDiscreteAction(_ action: Int, count: Int) throws(EnvironmentError) {
        guard action >= 0 && action < count else {
            throw invalidAction("\(action)", reason: "expected an integer in 0..<\(count)")
        }
    }

    /// Checks that a continuous `action` has `length` components, all finite.
    @inlinable
    public func checkContinuousAction(_ action: UnsafeBufferPointer<Float>, length: Int) throws(EnvironmentError) {
        guard action.count == length else {
            throw invalidAction("\(Array(action))", reason: "expected \(length) component(s), got \(action.count)")
        }
        for component in action where !component.isFinite {
            throw invalidAction("\(Array(action))", reason: "expected finite components, got \(component)")
        }
    }

    /// The error for a continuous action given to a discrete environment.
    @inlinable
    public func continuousActionForDiscreteSpace(_ action: UnsafeBufferPointer<Float>) -> EnvironmentError {
        invalidAction("\(Array(action))", reason: "this environment takes a discrete action; use step(discrete:)")
    }

    /// The error for a discrete action given to a continuous environment.
    @inlinable
    public func discreteActionForContinuousSpace(_ action: Int) -> EnvironmentError {
        invalidAction("\(action)", reason: "this environment takes a continuous action; use step(continuous:)")
    }

    /// Checks that `state` has `length` components, all finite.
    @inlinable
    public func checkState(_ state: [Double], length: Int, layout: String) throws(EnvironmentError) {
        guard state.count == length, state.allSatisfy(\.isFinite) else {
            throw .invalidState(env: id, state: state, expected: "\(length) finite values \(layout)")
        }
    }
}
