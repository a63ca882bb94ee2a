/// One MJCF document compiled into the module, so that no model file is looked up on disk at run time.
///
/// Each task's file states gymnasium 1.4.0's numbers (bodies, joints, geoms, actuators, options) in the
/// project's own words; `Benchmarks/mujoco_models_check.py` proves that it compiles to exactly gymnasium's model.
public struct ModelFile: Sendable {
    /// The name MuJoCo's virtual file system gives the document, e.g. `hopper.xml`.
    public let name: String
    /// The MJCF text.
    public let xml: String

    public init(name: String, xml: String) {
        self.name = name
        self.xml = xml
    }
}
