import Agents
import Engine
import Environments
import Export
import Foundation
import SeededRandom

/// Seeded models of every network kind (PyTorch initialisation, so that the logits differ clearly),
/// for the export tests.
enum ExportModels {
    /// Dense towers with observation statistics (CartPole-v1, tanh, separate actor and critic).
    static var dense: TrainedModel {
        model("CartPole-v1", Architecture(observationSize: 4, policy: .categorical(actions: 2), hidden: [64, 64], activation: .tanh,
                                          sharedTrunk: false, initialization: .pytorch), normalised: true)
    }

    /// Two convolutions (the second with stride 2) and a dense layer in the torso (MinAtar Breakout).
    static var conv: TrainedModel {
        model("MinAtar/Breakout-v1", Architecture(observationSize: 400, observationShape: [10, 10, 4], policy: .categorical(actions: 3),
                                                  torso: [.conv2d(filters: 8, kernel: 3, stride: 1), .conv2d(filters: 4, kernel: 3, stride: 2),
                                                          .flatten, .dense(units: 32)],
                                                  hidden: [], activation: .relu, sharedTrunk: true, initialization: .pytorch))
    }

    /// Two stacked LSTM layers under a shared SiLU trunk (CartPoleNoVel-v1).
    static var recurrent: TrainedModel {
        model("CartPoleNoVel-v1", Architecture(observationSize: 4, policy: .categorical(actions: 2), torso: [.lstm(units: 12), .lstm(units: 8)],
                                               hidden: [16], activation: .silu, sharedTrunk: true, initialization: .pytorch), normalised: true)
    }

    /// A Gaussian policy (Pendulum-v1).
    static var gaussian: TrainedModel {
        model("Pendulum-v1", Architecture(observationSize: 3, policy: .gaussian(dimensions: 1, initialLogStd: -0.5), hidden: [32],
                                          activation: .tanh, sharedTrunk: false, initialization: .pytorch), normalised: true)
    }

    static func model(_ envID: String, _ architecture: Architecture, normalised: Bool = false) -> TrainedModel {
        let network = ActorCriticNetwork(architecture: architecture, seed: 7)
        var statistics: RunningMeanStd?
        if normalised {
            var rng = Xoshiro256(seed: 3)
            let n = architecture.observationSize
            statistics = RunningMeanStd(count: 1000, mean: (0..<n).map { _ in Double(rng.nextFloat()) - 0.5 },
                                        variance: (0..<n).map { _ in 0.1 + Double(rng.nextFloat()) })
        }
        return TrainedModel(envID: envID, architecture: architecture, parameters: network.parameterArray,
                            observationStatistics: statistics, hyperparameters: Hyperparameters.defaults(for: envID), steps: 0)
    }
}
