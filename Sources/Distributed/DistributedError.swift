import Agents

/// Why a distributed run could not start or did not finish; each says what to do.
public enum DistributedError: Error, Equatable, CustomStringConvertible {
    /// The process was not started by an MPI launcher.
    case notLaunched
    /// Fewer than two ranks, or a rank count the options cannot use.
    case ranks(String)
    /// An MPI call failed.
    case mpi(call: String, message: String)
    /// A rank runs another build or configuration than rank 0 (the differences, one per item).
    case mismatch(rank: Int, differences: [String])
    /// Another rank found a mismatch; rank 0's message names it.
    case mismatchElsewhere
    /// A worker rank stopped with an error.
    case rankFailed(rank: Int, message: String)
    /// A worker rank sent nothing for `seconds` (it exited, was killed, or hangs).
    case rankLost(rank: Int, seconds: Double)
    case training(TrainingError)

    public var description: String {
        switch self {
        case .notLaunched:
            return "--distributed needs an MPI launcher: start it as `mpirun -np N a3c train ENV --distributed ...` (N ≥ 2) " +
                "or with SLURM's srun"
        case let .ranks(message): return message
        case let .mpi(call, message): return "\(call) failed: \(message)"
        case let .mismatch(rank, differences):
            return "rank \(rank) does not run the same build and configuration as rank 0: " + differences.joined(separator: "; ") +
                ". Start every rank with the same a3c executable and the same options"
        case .mismatchElsewhere:
            return "this rank's build or configuration differs from rank 0's (rank 0's message says how)"
        case let .rankFailed(rank, message): return "rank \(rank) failed: \(message)"
        case let .rankLost(rank, seconds):
            return String(format: "rank %d sent nothing for %.1f s: it exited, was killed or hangs; ending the job", rank, seconds)
        case let .training(error): return error.description
        }
    }
}
