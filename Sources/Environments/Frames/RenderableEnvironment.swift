/// An environment that can draw its current state, as gymnasium's `render()` in `rgb_array` mode
/// does: same size, colours, geometry and orientation (world y up).
public protocol RenderableEnvironment: Environment {
    /// The picture of the current state. Valid after a reset.
    func frame() -> Frame
    /// The rate gymnasium plays frames at (its `metadata["render_fps"]`).
    var framesPerSecond: Int { get }
    /// Turns on what only pictures need, as gymnasium's `render_mode` does (LunarLander's exhaust
    /// particles); never changes the dynamics. Call before recording.
    mutating func prepareForRendering()
}

extension RenderableEnvironment {
    /// Nothing to prepare: the default for environments whose pictures need no extra state.
    public mutating func prepareForRendering() {}
}

/// A registered environment (`EnvironmentSpec.make()`) renders as its base does.
extension TimeLimited: RenderableEnvironment where Base: RenderableEnvironment {
    public func frame() -> Frame { base.frame() }
    public var framesPerSecond: Int { base.framesPerSecond }
    public mutating func prepareForRendering() { base.prepareForRendering() }
}
