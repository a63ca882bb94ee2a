import CMuJoCo
import Environments

/// One `mjData` of a shared model: the state an environment steps. Owned by one environment value
/// (copied by `mj_copyData` before a shared copy is changed), used from one thread at a time.
final class MuJoCoSimulation {
    let model: MuJoCoModel
    let data: UnsafeMutablePointer<mjData>
    /// MuJoCo's message of the last failed call.
    private var error = [CChar](repeating: 0, count: 1000)

    init(model: MuJoCoModel) throws(EnvironmentError) {
        self.model = model
        guard let data = cmj_make_data(model.pointer, &error, Int32(error.count)) else {
            throw .simulationFailed(env: model.name, reason: text(error))
        }
        self.data = data
    }

    /// An independent copy of `other`'s whole state.
    private init(copying other: MuJoCoSimulation) {
        model = other.model
        data = mj_copyData(nil, other.model.pointer, other.data)
    }

    deinit { mj_deleteData(data) }

    func copy() -> MuJoCoSimulation { MuJoCoSimulation(copying: self) }

    var state: MuJoCoState { MuJoCoState(model: model.pointer, data: data) }

    /// `mj_resetData`, then `qpos`/`qvel` from `write` (given `qpos0` and zero velocities), then `mj_forward`:
    /// gymnasium's reset and `set_state`.
    func reset(_ write: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void) throws(EnvironmentError) {
        mj_resetData(model.pointer, data)
        let state = self.state
        write(state.qpos, state.qvel)
        guard cmj_forward(model.pointer, data, &error, Int32(error.count)) == 0 else {
            throw failure("mj_forward failed: \(text(error))")
        }
    }

    /// Sets the controls and steps the physics `frameSkip` times, as gymnasium's `do_simulation`; with
    /// `contactForces`, also computes the bodies' contact forces as it does after each step (they never feed
    /// back into the dynamics, so tasks that read none skip the work). Throws on a MuJoCo error or a warning
    /// (a bad number in the state, a full contact or constraint list): the state then means nothing.
    func step(controls: UnsafeBufferPointer<Float>, frameSkip: Int, contactForces: Bool) throws(EnvironmentError) {
        let ctrl = data.pointee.ctrl!
        for (index, value) in controls.enumerated() { ctrl[index] = Double(value) }
        let warningsBefore = physicsWarnings
        guard cmj_step(model.pointer, data, Int32(frameSkip), contactForces ? 1 : 0, &error, Int32(error.count)) == 0 else {
            throw failure("MuJoCo error: \(text(error))")
        }
        if physicsWarnings != warningsBefore {
            let warning = String(cString: cmj_take_warning())
            throw failure("MuJoCo warning at t = \(data.pointee.time) s: \(warning.isEmpty ? "the simulation became unstable" : warning)")
        }
    }

    /// How many physics warnings MuJoCo has counted (all but the renderer's full visual-geom list).
    private var physicsWarnings: Int {
        withUnsafeBytes(of: &data.pointee.warning) { raw in
            let stats = raw.bindMemory(to: mjWarningStat.self)
            return stats.indices.reduce(0) { $0 + ($1 == Int(mjWARN_VGEOMFULL.rawValue) ? 0 : Int(stats[$1].number)) }
        }
    }

    private func failure(_ reason: String) -> EnvironmentError {
        .simulationFailed(env: model.name, reason: reason + "; reset to start a new episode")
    }
}

/// What a task reads and writes of a simulation during one call: positions, velocities, and the
/// quantities gymnasium's observations and rewards use. Valid only during the call that receives it.
public struct MuJoCoState {
    @usableFromInline let model: UnsafePointer<mjModel>
    @usableFromInline let data: UnsafeMutablePointer<mjData>

    init(model: UnsafeMutablePointer<mjModel>, data: UnsafeMutablePointer<mjData>) {
        self.model = UnsafePointer(model)
        self.data = data
    }

    /// Generalised positions (`qpos`, `nq` values).
    public var qpos: UnsafeMutableBufferPointer<Double> { .init(start: data.pointee.qpos, count: Int(model.pointee.nq)) }
    /// Generalised velocities (`qvel`, `nv` values).
    public var qvel: UnsafeMutableBufferPointer<Double> { .init(start: data.pointee.qvel, count: Int(model.pointee.nv)) }
    /// Constraint forces in joint space (`qfrc_constraint`, `nv` values).
    public var constraintForces: UnsafeBufferPointer<Double> { .init(start: data.pointee.qfrc_constraint, count: Int(model.pointee.nv)) }
    /// External contact forces on each body (`cfrc_ext`, 6 per body: torque, then force); computed after a
    /// step only for tasks that declare `usesContactForces`.
    public var externalForces: UnsafeBufferPointer<Double> { .init(start: data.pointee.cfrc_ext, count: 6 * Int(model.pointee.nbody)) }
    /// The simulated time in seconds.
    public var time: Double { data.pointee.time }
    /// Seconds per physics step.
    public var timestep: Double { model.pointee.opt.timestep }

    /// A body frame's position in the world (`xpos`, gymnasium's `get_body_com`).
    public func bodyPosition(_ body: Int) -> SIMD3<Double> {
        let x = data.pointee.xpos! + 3 * body
        return SIMD3(x[0], x[1], x[2])
    }

    /// A site's position in the world (`site_xpos`).
    public func sitePosition(_ site: Int) -> SIMD3<Double> {
        let x = data.pointee.site_xpos! + 3 * site
        return SIMD3(x[0], x[1], x[2])
    }
}
