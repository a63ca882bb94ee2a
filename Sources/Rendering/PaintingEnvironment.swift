import Environments

/// An environment that draws its own pixels instead of describing a `Frame` of shapes: MuJoCo's tasks,
/// drawn by MuJoCo's renderer as gymnasium's `rgb_array` mode draws them. `Recording` and `a3c render`
/// take it like a `RenderableEnvironment`.
public protocol PaintingEnvironment: Environment {
    /// The rate gymnasium plays frames at (its `metadata["render_fps"]`).
    var framesPerSecond: Int { get }
    /// A painter for this environment: called with the environment, it draws its current state.
    /// Made once per recording (a renderer and its context are costly); throws when nothing can draw
    /// here (no OpenGL), before the first episode runs.
    func makePainter() throws -> (inout Self) throws -> Raster
}

/// A registered environment (`EnvironmentSpec.make()`) paints as its base does.
extension TimeLimited: PaintingEnvironment where Base: PaintingEnvironment {
    public var framesPerSecond: Int { base.framesPerSecond }

    public func makePainter() throws -> (inout Self) throws -> Raster {
        let paint = try base.makePainter()
        return { limited in try paint(&limited.base) }
    }
}
