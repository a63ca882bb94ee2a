import CMuJoCo
import Environments
import SeededRandom

/// One of gymnasium's MuJoCo tasks (`Task`) on Debian's MuJoCo 2.2.2: the same model, frame skip,
/// observation, reward, termination and reset-noise law as gymnasium 1.4.0's v4 environment, step for step.
///
/// The compiled model is shared by every environment of the task; the simulation state (`mjData`) is this
/// value's own: a copy gets its own state (`mj_copyData`) when it is first changed. A MuJoCo error or
/// warning during a step throws `EnvironmentError.simulationFailed` and ends the episode; it never
/// exits the process. Use an instance from one thread at a time.
public struct MuJoCoEnvironment<Task: MuJoCoTask>: ReplayableEnvironment {
    public let model: MuJoCoModel
    var task: Task
    var simulation: MuJoCoSimulation
    var generator: Xoshiro256
    /// Why the state means nothing until the next reset (a failed step or reset), if it does.
    var failure: EnvironmentError?
    public let observationSpace: BoxSpace
    public let actionSpace: ActionSpace
    /// The last observation in float64, as gymnasium returns it.
    private var observationBuffer: [Double]

    /// The task on its built-in model; throws when MuJoCo cannot compile it (another libmujoco).
    /// An unseeded first reset draws its seed from the system's generator.
    public init() throws(EnvironmentError) {
        let model = try MuJoCoModel.shared(Task.modelFile)
        task = try Task(model: model)
        simulation = try MuJoCoSimulation(model: model)
        self.model = model
        generator = Xoshiro256(seed: UInt64.random(in: .min ... .max))
        observationSpace = BoxSpace(low: [Float](repeating: -.infinity, count: Task.observationSize),
                                    high: [Float](repeating: .infinity, count: Task.observationSize))
        let ranges = model.controlRanges
        actionSpace = .box(BoxSpace(low: ranges.low, high: ranges.high))
        observationBuffer = [Double](repeating: 0, count: Task.observationSize)
    }

    /// The environment for the registry: the built-in models are tested to compile with MuJoCo 2.2.2, and
    /// `MuJoCoEnvironments.register()` refuses another library version before any is made.
    static func builtIn() -> Self {
        do {
            return try Self()
        } catch {
            fatalError("\(error)")
        }
    }

    public var id: String { Task.id }

    /// Starts an episode from `qpos0` and zero velocities perturbed by the task's reset noise. Should
    /// MuJoCo fail in the forward pass, the next step throws its message.
    public mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) {
        if let seed { generator = Xoshiro256(seed: seed) }
        uniqueSimulation()
        let task = self.task
        var generator = self.generator
        do {
            try simulation.reset { qpos, qvel in task.perturb(qpos: qpos, qvel: qvel, generator: &generator) }
            failure = nil
        } catch {
            failure = error
        }
        self.generator = generator
        writeObservation(observation)
    }

    public mutating func step(continuous action: UnsafeBufferPointer<Float>, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        try checkContinuousAction(action, length: model.actuatorCount)
        if let failure { throw failure }
        uniqueSimulation()
        task.prepareStep(simulation.state, action: action)
        do {
            try simulation.step(controls: action, frameSkip: Task.frameSkip, contactForces: Task.usesContactForces)
        } catch {
            failure = error
            throw error
        }
        let outcome = task.finishStep(simulation.state, action: action)
        writeObservation(observation)
        return StepResult(reward: outcome.reward, terminated: outcome.terminated)
    }

    /// Calls `body` with the compiled model and this environment's simulation state, for code that calls
    /// MuJoCo's C API itself (`import CMuJoCo`), e.g. to draw it: read the state, never change it.
    public mutating func withUnsafeSimulation<R, Failure: Error>(
        _ body: (UnsafePointer<mjModel>, UnsafeMutablePointer<mjData>) throws(Failure) -> R
    ) throws(Failure) -> R {
        uniqueSimulation()
        return try body(model.unsafePointer, simulation.data)
    }

    /// gymnasium's `render_fps`: one picture per step, `1 / (timestep × frame skip)` a second, rounded.
    public var framesPerSecond: Int { Int((1 / (model.timestep * Double(Task.frameSkip))).rounded()) }

    /// The current observation in float64, exactly as gymnasium returns it (the `Float` one is rounded).
    public var exactObservation: [Double]? { observationBuffer }

    /// `qpos` followed by `qvel`, the state gymnasium's `set_state` takes.
    public var state: [Double] {
        let state = simulation.state
        return Array(state.qpos) + Array(state.qvel)
    }

    /// gymnasium's reset with `set_state(qpos, qvel)`: the data reset, these positions and velocities, a
    /// forward pass.
    public mutating func setState(_ values: [Double], observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) {
        let nq = model.positionCount, nv = model.velocityCount
        try checkState(values, length: nq + nv, layout: "(qpos: \(nq), then qvel: \(nv))")
        uniqueSimulation()
        failure = nil
        do {
            try simulation.reset { qpos, qvel in
                for i in 0..<nq { qpos[i] = values[i] }
                for i in 0..<nv { qvel[i] = values[nq + i] }
            }
        } catch {
            failure = error
            throw error
        }
        writeObservation(observation)
    }

    private mutating func writeObservation(_ observation: UnsafeMutableBufferPointer<Float>) {
        let state = simulation.state
        let task = self.task
        observationBuffer.withUnsafeMutableBufferPointer { precise in
            task.observe(state, into: precise)
            for i in precise.indices { observation[i] = Float(precise[i]) }
        }
    }

    private mutating func uniqueSimulation() {
        if !isKnownUniquelyReferenced(&simulation) { simulation = simulation.copy() }
    }
}
