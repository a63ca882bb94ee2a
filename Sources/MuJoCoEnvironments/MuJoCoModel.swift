import CMuJoCo
import Environments
import Foundation

/// A compiled MuJoCo model. Never changed after compilation, so one instance serves every environment
/// of its task on every thread (each environment owns its own `mjData`).
public final class MuJoCoModel: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<mjModel>
    /// The document's name, e.g. `hopper.xml`.
    public let name: String

    /// Compiles `file`; throws MuJoCo's message when the MJCF is invalid.
    public init(_ file: ModelFile) throws(EnvironmentError) {
        try MuJoCoLibrary.checkVersion()
        var error = [CChar](repeating: 0, count: 1000)
        guard let model = cmj_load_xml(file.name, file.xml, &error, Int32(error.count)) else {
            throw .simulationFailed(env: file.name, reason: "MuJoCo cannot compile the model: \(text(error))")
        }
        pointer = model
        name = file.name
    }

    deinit { mj_deleteModel(pointer) }

    /// The compiled `mjModel`, for code that calls MuJoCo's C API itself (`import CMuJoCo`): read it, never
    /// change it, and not beyond this instance's life.
    public var unsafePointer: UnsafePointer<mjModel> { UnsafePointer(pointer) }

    /// Generalised coordinates (`nq`), degrees of freedom (`nv`) and actuators (`nu`).
    public var positionCount: Int { Int(pointer.pointee.nq) }
    public var velocityCount: Int { Int(pointer.pointee.nv) }
    public var actuatorCount: Int { Int(pointer.pointee.nu) }
    /// Seconds per physics step (`opt.timestep`).
    public var timestep: Double { pointer.pointee.opt.timestep }
    /// The sum of the bodies' masses.
    public var totalMass: Double { mj_getTotalmass(pointer) }

    /// `qpos0`: the positions a reset starts from (the model's reference configuration).
    public var referencePositions: [Double] { Array(UnsafeBufferPointer(start: pointer.pointee.qpos0, count: positionCount)) }

    /// Each actuator's control range `[low, high]`, as gymnasium's action space takes it.
    public var controlRanges: (low: [Float], high: [Float]) {
        let ranges = UnsafeBufferPointer(start: pointer.pointee.actuator_ctrlrange, count: 2 * actuatorCount)
        return ((0..<actuatorCount).map { Float(ranges[2 * $0]) }, (0..<actuatorCount).map { Float(ranges[2 * $0 + 1]) })
    }

    /// The index of the body named `name`; throws when the model has none.
    public func bodyIndex(_ name: String) throws(EnvironmentError) -> Int {
        let index = mj_name2id(pointer, Int32(mjOBJ_BODY.rawValue), name)
        guard index >= 0 else { throw .simulationFailed(env: self.name, reason: "the model has no body named \"\(name)\"") }
        return Int(index)
    }

    /// Built-in models, compiled once each on first use.
    static func shared(_ file: ModelFile) throws(EnvironmentError) -> MuJoCoModel {
        try cache.model(for: file)
    }

    private static let cache = ModelCache()
}

/// The built-in models compiled so far, behind a lock: every read and write goes through `model(for:)`.
private final class ModelCache: @unchecked Sendable {
    private let lock = NSLock()
    private var models: [String: MuJoCoModel] = [:]

    func model(for file: ModelFile) throws(EnvironmentError) -> MuJoCoModel {
        lock.lock()
        defer { lock.unlock() }
        if let model = models[file.name] { return model }
        let model = try MuJoCoModel(file)
        models[file.name] = model
        return model
    }
}

/// The library this module was built for and checks at run time.
public enum MuJoCoLibrary {
    /// MuJoCo 2.2.2, whose dynamics gymnasium's recordings were made with.
    public static let expectedVersion = 222

    /// The version of the linked `libmujoco` (`mj_version()`, e.g. 222).
    public static var version: Int { Int(mj_version()) }

    /// Throws unless the linked library is the expected version: another one steps differently.
    public static func checkVersion() throws(EnvironmentError) {
        guard version == expectedVersion else {
            throw .simulationFailed(env: "MuJoCo", reason: "libmujoco \(version) is linked, but these environments need MuJoCo \(expectedVersion) (Debian's libmujoco-dev 2.2.2)")
        }
    }
}

/// The C string a MuJoCo call wrote into `buffer`.
func text(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
