import CKernels
import Foundation
import Synchronization

/// The update rule and its hyperparameters.
public enum OptimizerRule: Codable, Equatable, Sendable {
    /// Adam with PyTorch's semantics: bias-corrected moments, ε added outside the square root.
    case adam(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8)
    /// RMSProp as in the A3C paper (Mnih et al., 2016): g ← αg + (1−α)Δ², θ ← θ − ηΔ/√(g + ε).
    case rmsprop(alpha: Float = 0.99, epsilon: Float = 1e-5)
    /// Plain gradient descent, θ ← θ − ηΔ.
    case sgd
}

extension OptimizerRule {
    /// The same rule with ε replaced (SGD has none and is returned unchanged).
    public func with(epsilon: Float) -> OptimizerRule {
        switch self {
        case let .adam(beta1, beta2, _): .adam(beta1: beta1, beta2: beta2, epsilon: epsilon)
        case let .rmsprop(alpha, _): .rmsprop(alpha: alpha, epsilon: epsilon)
        case .sgd: .sgd
        }
    }
}

/// What an optimiser has learnt besides the parameters: its moments and how many updates it made
/// (Adam's bias correction depends on it). Saved in checkpoints so a resumed run continues exactly.
public struct OptimizerState: Codable, Equatable, Sendable {
    public var stepCount: Int
    /// Adam's m or RMSProp's mean square, one per parameter (zero for SGD).
    public var firstMoment: [Float]
    /// Adam's v, one per parameter (zero otherwise).
    public var secondMoment: [Float]

    public init(stepCount: Int, firstMoment: [Float], secondMoment: [Float]) {
        self.stepCount = stepCount
        self.firstMoment = firstMoment
        self.secondMoment = secondMoment
    }
}

/// How concurrent `apply` calls interact.
public enum UpdateMode: String, Codable, Sendable, CaseIterable {
    /// Lock-free (Hogwild!, Recht et al., 2011): workers write the shared parameters and statistics
    /// at the same time without synchronisation. Racy by design: an update may be partly
    /// overwritten by another, which sparse-enough SGD tolerates; never crashes.
    case hogwild
    /// A lock around each apply (a spin lock: the update takes about a microsecond): updates are
    /// serialised and none is lost.
    case locked
}

/// The global parameters and the optimiser statistics that every worker shares (the seed's
/// `SharedAdam`, the A3C paper's shared RMSProp).
///
/// Concurrency: `apply`, `add`, `copyParameters(into:)` and `stepCount` may be called from any number
/// of threads at once. In `.locked` mode they are serialised by a lock; in `.hogwild` mode reads
/// and writes of the float buffers race deliberately (see `UpdateMode.hogwild`) and only the step
/// counter is atomic. This is the one type that owns these buffers, hence `@unchecked Sendable`.
public final class SharedOptimizer: @unchecked Sendable {
    public let rule: OptimizerRule
    public let mode: UpdateMode
    public let parameterCount: Int
    @usableFromInline let parameters: UnsafeMutablePointer<Float>
    /// Adam's first moment m, RMSProp's mean square g.
    @usableFromInline let firstMoment: UnsafeMutablePointer<Float>
    /// Adam's second moment v.
    @usableFromInline let secondMoment: UnsafeMutablePointer<Float>
    private let steps = Atomic<Int>(0)
    private let lock = SpinLock()

    /// Starts from `initialParameters` with zero statistics, or with `state` (saved by `snapshot()`, for
    /// resuming a run): its moments must have one value per parameter.
    public init(rule: OptimizerRule, mode: UpdateMode, initialParameters: [Float], state: OptimizerState? = nil) {
        if let state {
            precondition(state.firstMoment.count == initialParameters.count && state.secondMoment.count == initialParameters.count,
                         "optimizer state of \(state.firstMoment.count)/\(state.secondMoment.count) values for \(initialParameters.count) parameters")
        }
        self.rule = rule
        self.mode = mode
        parameterCount = initialParameters.count
        parameters = .allocate(capacity: parameterCount)
        parameters.initialize(from: initialParameters, count: parameterCount)
        firstMoment = .allocate(capacity: parameterCount)
        firstMoment.initialize(repeating: 0, count: parameterCount)
        secondMoment = .allocate(capacity: parameterCount)
        secondMoment.initialize(repeating: 0, count: parameterCount)
        if let state {
            firstMoment.update(from: state.firstMoment, count: parameterCount)
            secondMoment.update(from: state.secondMoment, count: parameterCount)
            steps.store(state.stepCount, ordering: .relaxed)
        }
    }

    deinit {
        parameters.deallocate()
        firstMoment.deallocate()
        secondMoment.deallocate()
    }

    /// Updates applied so far, by all workers.
    public var stepCount: Int { steps.load(ordering: .relaxed) }

    /// Applies one gradient (of `parameterCount` values) with learning rate `learningRate`.
    public func apply(gradient: UnsafePointer<Float>, learningRate: Float) {
        switch mode {
        case .hogwild: hogwildRacyUpdate(gradient: gradient, learningRate: learningRate)
        case .locked: lock.withLock { update(gradient: gradient, learningRate: learningRate) }
        }
    }

    /// Copies the global parameters into a worker's buffer (one pass).
    public func copyParameters(into destination: UnsafeMutablePointer<Float>) {
        switch mode {
        case .hogwild: hogwildRacyCopy(into: destination)
        case .locked: lock.withLock { destination.update(from: parameters, count: parameterCount) }
        }
    }

    // The two Hogwild paths race on the float buffers by design (`UpdateMode.hogwild`). They are
    // functions of their own, never inlined, so that ThreadSanitizer can exclude exactly these
    // races by name (`Tools/tsan-suppressions.txt`) and still report any other, locked mode's included.

    @inline(never)
    private func hogwildRacyUpdate(gradient: UnsafePointer<Float>, learningRate: Float) {
        update(gradient: gradient, learningRate: learningRate)
    }

    @inline(never)
    private func hogwildRacyCopy(into destination: UnsafeMutablePointer<Float>) {
        destination.update(from: parameters, count: parameterCount)
    }

    /// Adds `delta` (`parameterCount` values) to the global parameters without touching the
    /// optimiser statistics: how a parameter server folds in the change another process's workers
    /// made, and how that process adopts the server's parameters. Serialised like `apply`.
    public func add(_ delta: UnsafePointer<Float>) {
        switch mode {
        case .hogwild: addInPlace(delta)
        case .locked: lock.withLock { addInPlace(delta) }
        }
    }

    private func addInPlace(_ delta: UnsafePointer<Float>) {
        for i in 0..<parameterCount { parameters[i] += delta[i] }
    }

    /// A snapshot of the global parameters.
    public func parameterArray() -> [Float] {
        [Float](unsafeUninitializedCapacity: parameterCount) { buffer, count in
            copyParameters(into: buffer.baseAddress!)
            count = parameterCount
        }
    }

    /// The parameters with the optimiser's statistics and update count (to save for resuming), taken
    /// under the lock in `.locked` mode; in `.hogwild` mode it may mix values from before and after a
    /// concurrent update.
    public func snapshot() -> (parameters: [Float], state: OptimizerState) {
        func copy(_ buffer: UnsafeMutablePointer<Float>) -> [Float] { Array(UnsafeBufferPointer(start: buffer, count: parameterCount)) }
        func take() -> ([Float], OptimizerState) {
            (copy(parameters), OptimizerState(stepCount: stepCount, firstMoment: copy(firstMoment), secondMoment: copy(secondMoment)))
        }
        switch mode {
        case .hogwild: return take()
        case .locked: return lock.withLock { take() }
        }
    }

    private func update(gradient g: UnsafePointer<Float>, learningRate lr: Float) {
        let t = steps.wrappingAdd(1, ordering: .relaxed).newValue
        switch rule {
        case let .adam(beta1, beta2, epsilon):
            let stepSize = lr / (1 - Foundation.pow(beta1, Float(t)))
            let bias2Root = (1 - Foundation.pow(beta2, Float(t))).squareRoot()
            ck_adam(parameters, firstMoment, secondMoment, g, parameterCount, beta1, beta2, epsilon, stepSize, bias2Root)
        case let .rmsprop(alpha, epsilon):
            ck_rmsprop(parameters, firstMoment, g, parameterCount, alpha, epsilon, lr)
        case .sgd:
            for i in 0..<parameterCount { parameters[i] -= lr * g[i] }
        }
    }
}
