import Engine
import Environments

/// Errors a training run reports; each says what went wrong and what to do.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    case invalidHyperparameter(String)
    case environment(EnvironmentError)
    /// The loss became NaN or infinite; the run stopped at `step` without applying it.
    case nonFiniteLoss(step: Int, terms: LossTerms)
    /// An observation from the environment was NaN or infinite.
    case nonFiniteObservation(step: Int, envID: String)
    /// A run cannot continue from this checkpoint (another environment or network, or its budget is spent).
    case cannotResume(String)
    /// A periodic evaluation failed.
    case evaluation(String)

    public var description: String {
        switch self {
        case let .invalidHyperparameter(message): return "invalid hyperparameter: \(message)"
        case let .environment(error): return error.description
        case let .nonFiniteLoss(step, terms):
            return "training stopped at step \(step): the loss is not finite (policy \(terms.policy), value \(terms.value), " +
                "entropy \(terms.entropy)); lower the learning rate or enable gradient clipping"
        case let .nonFiniteObservation(step, envID):
            return "training stopped at step \(step): \(envID) returned a NaN or infinite observation"
        case let .cannotResume(message): return "cannot resume: \(message)"
        case let .evaluation(message): return "evaluation during training failed: \(message)"
        }
    }
}
