import Engine
import Environments
import Foundation

/// Which trainer runs.
public enum Algorithm: String, Codable, Sendable, CaseIterable {
    /// Asynchronous: one thread per worker, each with its own environment and network copy.
    case a3c
    /// Synchronous: all environments in lockstep, one batched forward per step.
    case a2c
}

/// How the learning rate changes over a run.
public enum LearningRateSchedule: String, Codable, Sendable, CaseIterable {
    case constant
    /// From `learningRate` down to 0 at `maxSteps`.
    case linear
}

/// Everything that defines a training run, one plain struct. The defaults here are CartPole-v1's
/// with A3C; `Hyperparameters.defaults(for:algorithm:)` gives each environment's measured values,
/// and docs/tuning.md has the experiments behind them.
public struct Hyperparameters: Codable, Equatable, Sendable {
    /// The trainer: A3C's worker threads or A2C's environments in lockstep. Default: A3C.
    public var algorithm: Algorithm = .a3c
    /// A3C: worker threads; A2C: environments stepped in lockstep. Default: the number of cores.
    public var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Steps per rollout before an update (the seed's `train_every_step`); a rollout also ends
    /// with its episode. Default: 5.
    public var tMax: Int = 5
    /// Discount γ of future rewards. Default: 0.99.
    public var gamma: Float = 0.99
    /// λ of generalised advantage estimation; nil uses plain n-step returns (the same as λ = 1).
    /// Default: nil.
    public var gaeLambda: Float? = nil
    /// The optimiser's step size at the start of the run. Default: 1.5e-2 (RMSProp's).
    public var learningRate: Float = 1.5e-2
    /// Constant, or decaying linearly to 0 at `maxSteps`. Default: constant.
    public var learningRateSchedule: LearningRateSchedule = .constant
    /// The rule that updates the shared parameters. Default: the A3C paper's shared RMSProp
    /// (α 0.99, ε = 0.1 inside the square root), whose small steps for small gradients keep a nearly
    /// deterministic policy from saturating as Adam's did on CartPole
    /// (docs/tuning.md#cartpole-v1-rmsprop-against-policy-collapse).
    public var optimizer: OptimizerRule = .rmsprop(alpha: 0.99, epsilon: 0.1)
    /// Lock-free (Hogwild) or locked updates of the shared parameters. Default: locked, twice
    /// Hogwild's steps per second on 2 cores (docs/tuning.md#hogwild-or-a-lock).
    public var updateMode: UpdateMode = .locked
    /// Rewards are multiplied by this before returns are computed (reported returns are unscaled),
    /// to keep value targets near 1 so that the critic does not dominate the clipped gradient.
    /// Default: 0.03.
    public var rewardScale: Float = 0.03
    /// Scaled rewards below this are raised to it for training (reported returns are neither scaled
    /// nor floored), so that a fall's −100 does not dominate the walker's updates. Default: nil (none).
    public var rewardFloor: Float? = nil
    /// Weight c_v of the value loss ½(R − V)². Default: 0.5.
    public var valueCoefficient: Float = 0.5
    /// Weight c_e of the entropy bonus that keeps the policy exploring. Default: 0.001.
    public var entropyCoefficient: Float = 0.001
    /// The global gradient norm is clipped to this before each update (nil: no clipping).
    /// Default: 0.5.
    public var maxGradientNorm: Float? = 0.5
    /// Normalise advantages within each update batch. Default: false, as in the A3C paper.
    public var normalizeAdvantages: Bool = false
    /// Normalise observations by their running mean and variance (then clipped to ±10), statistics
    /// shared by the workers and saved with the model. Default: false.
    public var normalizeObservations: Bool = false
    /// Layers before the hidden ones, shared by actor and critic (`--torso conv:16:3`): conv layers
    /// for boards, an LSTM to remember. See `TorsoLayer`. Default: nil (none).
    public var torso: [TorsoLayer]? = nil
    /// Widths of the hidden dense layers (may be empty after a torso). Default: [128].
    public var hidden: [Int] = [128]
    /// Activation of the hidden, dense-torso and conv layers. Default: SiLU (the seed's).
    public var activation: Activation = .silu
    /// True: one hidden trunk for actor and critic (the seed's); false: separate actor and critic
    /// layers. Default: true.
    public var sharedTrunk: Bool = true
    /// How weights are drawn: PyTorch's default uniform, or orthogonal. Default: PyTorch's.
    public var initialization: Initialization = .pytorch
    /// Initial log-std of a Gaussian policy (continuous actions). Default: −0.5 (the seed's).
    public var initialLogStd: Float = -0.5
    /// Generalised state-dependent exploration (gSDE) for a Gaussian policy: the action noise is a
    /// held random linear function of the actor's last features, drawn again every this many steps
    /// of each environment, so that exploration is smooth in time and consistent in state (nil:
    /// independent noise at every step). Each action's marginal stays N(μ, σ²), so the loss is
    /// unchanged (`GaussianPolicy.sampleStateDependent`); evaluation does not use it. Default: nil.
    public var stateDependentNoiseInterval: Int? = nil
    /// Seeds the initial parameters, every worker's episodes and action samples: the same seed with
    /// one worker gives the same run, bit for bit. Default: 1.
    public var seed: UInt64 = 1

    /// The run is solved when the mean return of the last 100 episodes reaches this (and the
    /// confirming evaluation does). Default: nil (the environment's reward threshold).
    public var targetReturn: Double? = nil
    /// Stop after this many environment steps in all (nil: no limit). Default: 2M.
    public var maxSteps: Int? = 2_000_000
    /// Stop after this many seconds of wall time (nil: no limit). Default: nil.
    public var maxSeconds: Double? = nil
    /// Episodes of the deterministic evaluation, on separate environments with their own seeds,
    /// that must reach the target too before a run whose training mean100 reached it stops (nil:
    /// the training mean100 alone, as checkpoints written before this setting resume). The
    /// training mean100 averages stochastic actions over a moving window, so alone it can stop a
    /// run whose policy scores below the threshold (docs/results.md). Default: 100.
    public var confirmationEpisodes: Int? = 100
    /// Also run that evaluation every this many environment steps, whatever the training mean100
    /// (nil: only when the training mean100 reaches the target): for tasks whose deterministic
    /// policy scores far above the stochastic one that trains (BipedalWalker). Default: nil.
    public var confirmationInterval: Int? = nil
    /// A confirming evaluation passes when its mean less this many standard errors of that mean
    /// reaches the target (nil or 0: the mean alone, as checkpoints written before this default
    /// resume). The run stops at the first evaluation that passes, so on the mean alone it kept
    /// evaluations that came out high (docs/tuning.md#the-confirmations-margin). Default: 1.
    public var confirmationStandardErrors: Double? = 1

    public init() {}

    /// Most worker threads (A3C) or environments (A2C) a run may have.
    public static let maxWorkers = 1024
    /// Longest rollout.
    public static let maxTMax = 1 << 16
    /// Most episodes a confirming evaluation may take.
    public static let maxConfirmationEpisodes = 100_000
    /// After a confirming evaluation fell short, training runs at least this many environment steps
    /// per step that evaluation took, and a new window of 100 episodes, before the next one: the
    /// evaluations then take a small share of the run.
    public static let stepsBetweenConfirmationsPerEvaluationStep = 4

    /// The documented defaults of `algorithm` for an environment: the values this project measured
    /// to reach its threshold (docs/results.md).
    ///
    /// CartPole-v1 and Acrobot-v1: the seed's network and n-step returns over 5 steps; A3C with the
    /// struct's shared RMSProp, A2C with Adam 1e-3, unscaled rewards and entropy 0.01 (its batched,
    /// averaged gradients want Adam's normalised steps). The LunarLanders, the continuous tasks and
    /// MountainCar-v0, both algorithms: separate 64-64 tanh actor and critic, observation
    /// normalisation, GAE(0.95), rollouts of 32, Adam 3e-4 decaying linearly to 0 at `maxSteps`,
    /// rewards scaled so that value targets stay near 1. MountainCar-v0's velocity spans ±0.07:
    /// only normalised, it moves the policy, which then finds the goal without an exploration bonus
    /// (docs/tuning.md). MinAtar's games: the paper's conv network, Adam 5e-4, rollouts of 20,
    /// GAE(0.8). The MuJoCo locomotion tasks (Hopper, HalfCheetah, Walker2d, Ant): the
    /// continuous-control values with rewards scaled by 0.1, for 5M steps, Hopper and Walker2d
    /// keeping the best of evaluations every 500k steps; InvertedDoublePendulum
    /// the same unscaled with an evaluation every 500k steps; Reacher with γ = 0.95; Swimmer with
    /// rewards × 0.1, γ = 0.999, returns over 5 steps and RMSProp 7e-4; the other MuJoCo
    /// tasks, and a registered environment of one's own with continuous actions, the
    /// continuous-control values with rewards unscaled; one's own with discrete actions, CartPole's.
    public static func defaults(for envID: String, algorithm: Algorithm = .a3c) -> Hyperparameters {
        var h = Hyperparameters()
        h.algorithm = algorithm
        func lowVarianceContinuousControl(rewardScale: Float, maxSteps: Int) {
            h.tMax = 32
            h.gaeLambda = 0.95
            h.optimizer = .adam()
            h.learningRate = 3e-4
            h.learningRateSchedule = .linear
            h.rewardScale = rewardScale
            h.entropyCoefficient = 0
            h.normalizeObservations = true
            h.hidden = [64, 64]
            h.activation = .tanh
            h.sharedTrunk = false
            h.initialization = .orthogonal
            h.maxSteps = maxSteps
        }
        /// The velocity-masked tasks' small recurrent network: an LSTM of 32 under one shared tanh
        /// layer of 64 with PyTorch's initialisation, a small entropy bonus and a constant rate.
        func smallSharedLSTM() {
            h.torso = [.lstm(units: 32)]
            h.hidden = [64]
            h.sharedTrunk = true
            h.initialization = .pytorch
            h.entropyCoefficient = 0.001
            h.learningRateSchedule = .constant
        }
        switch envID {
        case "LunarLander-v3", "LunarLander-v2", "LunarLanderContinuous-v3", "LunarLanderContinuous-v2":
            lowVarianceContinuousControl(rewardScale: 0.01, maxSteps: 10_000_000)
        case "Pendulum-v1", "MountainCarContinuous-v0":
            lowVarianceContinuousControl(rewardScale: 0.1, maxSteps: 5_000_000)
        case "MountainCar-v0":
            // Adam 1e-3 and γ = 0.995 give policies that solve it by more than a standard error:
            // 10 of 10 seeds confirmed with the margin, against 2 to 4 of 5 with 3e-4 and 0.99
            // (docs/tuning.md#mountaincar-v0).
            lowVarianceContinuousControl(rewardScale: 0.1, maxSteps: 5_000_000)
            h.learningRate = 1e-3
            h.gamma = 0.995
        case "BipedalWalker-v3", "BipedalWalkerHardcore-v3":
            // Longer rollouts, a slower rate decaying over a short budget, γ = 0.999, a fall's −100
            // floored at −10, advantages normalised per update, a small entropy bonus, and
            // confirming evaluations every 1M steps: without the last three the walker peaked
            // early, then collapsed (docs/results.md).
            lowVarianceContinuousControl(rewardScale: 0.1, maxSteps: 6_000_000)
            h.tMax = 64
            h.gamma = 0.999
            h.learningRate = 2e-4
            h.rewardFloor = -1
            h.normalizeAdvantages = true
            h.initialLogStd = -1
            h.entropyCoefficient = 0.0005
            h.confirmationInterval = 1_000_000
        case "CartPoleNoVel-v1":
            // The velocities hidden: an LSTM of 32 infers them (5 of 5 seeds solved;
            // an MLP with the same settings stays near 50: docs/recurrent.md).
            lowVarianceContinuousControl(rewardScale: 0.1, maxSteps: 5_000_000)
            smallSharedLSTM()
            h.normalizeObservations = false
        case "MemoryLength-v0":
            // The context is seen 10 steps before it is asked for: an LSTM of 32 straight into the
            // heads, Adam 3e-3, an entropy bonus, whole episodes in one rollout (docs/results.md).
            h.torso = [.lstm(units: 32)]
            h.hidden = []
            h.activation = .tanh
            h.tMax = 16
            h.optimizer = .adam()
            h.learningRate = 3e-3
            h.rewardScale = 1
            h.entropyCoefficient = 0.01
            h.maxSteps = 500_000
        case "PendulumNoVel-v1":
            // γ = 0.95: the swing-up's credit is short; with 0.99 the LSTM solved 2 of 5 seeds
            // (5 of 5 with 0.95: docs/recurrent.md#pendulumnovel-v1-and-mountaincarcontinuousnovel-v0).
            lowVarianceContinuousControl(rewardScale: 0.1, maxSteps: 5_000_000)
            h.torso = [.lstm(units: 64)]
            h.gamma = 0.95
        case "MountainCarContinuousNoVel-v0":
            // With the velocity hidden, independent noise never found the flag (0 of 5 seeds);
            // gSDE's noise held for 16 steps with an entropy bonus of 0.005 found it in 10 of 10
            // (docs/recurrent.md#mountaincarcontinuousnovel-v0-state-dependent-exploration).
            lowVarianceContinuousControl(rewardScale: 0.1, maxSteps: 5_000_000)
            h.torso = [.lstm(units: 64)]
            h.stateDependentNoiseInterval = 16
            h.entropyCoefficient = 0.005
        case "LunarLanderNoVel-v3":
            // CartPoleNoVel's small shared network: deterministic returns 188, 216, 76, 175, −51
            // where an LSTM of 64 under separate 64-64 towers stayed at −105 to −23
            // (docs/recurrent.md).
            lowVarianceContinuousControl(rewardScale: 0.01, maxSteps: 10_000_000)
            smallSharedLSTM()
        case "LunarLanderContinuousNoVel-v3":
            lowVarianceContinuousControl(rewardScale: 0.01, maxSteps: 10_000_000)
            h.torso = [.lstm(units: 64)]
        case _ where envID.hasPrefix("MinAtar/"):
            // The MinAtar paper's network (16 filters 3 × 3, dense 128) under A3C: Adam 5e-4,
            // rollouts of 20 with GAE(0.8) (the paper's AC(λ) trace), an entropy bonus of 0.01,
            // rewards unscaled, for the paper's 5M frames (docs/results.md#minatar).
            h.torso = [.conv2d(filters: 16, kernel: 3, stride: 1), .dense(units: 128)]
            h.hidden = []
            h.tMax = 20
            h.gaeLambda = 0.8
            h.optimizer = .adam()
            h.learningRate = 5e-4
            h.rewardScale = 1
            h.entropyCoefficient = 0.01
            h.maxSteps = 5_000_000
            if envID.hasPrefix("MinAtar/Asterix") || envID.hasPrefix("MinAtar/SpaceInvaders") {
                // Their returns (tens to hundreds) made the value loss's gradient hit the 0.5 clip of
                // the global norm on every update, starving the policy: without it, seed 1 reached a
                // mean100 of 40.2 on Asterix (10.3–13.3 with it) and 206.6 on Space Invaders (60–78).
                h.maxGradientNorm = nil
            }
            if envID.hasPrefix("MinAtar/SpaceInvaders") {
                // Still climbing at 5M frames: Adam 1e-3 (eight runs' median 211 against 171 with
                // 5e-4; 2e-3 collapses; 7e-4, a rate decaying to 0 and an entropy bonus of 0.005
                // learn less: docs/results.md#space-invaders-a-faster-rate), and ReLU instead of SiLU
                // (ten seeds' median 215.8 against 158.0: docs/results.md#space-invaders-relu).
                h.learningRate = 1e-3
                h.activation = .relu
            }
        case "Hopper-v4", "HalfCheetah-v4", "Walker2d-v4", "Ant-v4":
            // gymnasium's MuJoCo locomotion: rewards of 1–5 a step scaled by 0.1, 5M steps
            // (five seeds each: docs/results.md#mujoco).
            lowVarianceContinuousControl(rewardScale: 0.1, maxSteps: 5_000_000)
            if envID == "Hopper-v4" || envID == "Walker2d-v4" {
                // Their deterministic gaits swing from one evaluation to the next (Hopper seed 1:
                // 1119 to 3107 within 5M steps): keep the best of evaluations every 500k steps
                // (docs/tuning.md#mujoco).
                h.confirmationInterval = 500_000
            }
        case "InvertedDoublePendulum-v4":
            // The deterministic policy balances long before the stochastic one's mean100 reaches
            // 9100: evaluations every 500k steps stop the run there (seed 1: confirmed at 3M steps,
            // 112 s; without them 7231 after 5M steps; docs/tuning.md#mujoco).
            lowVarianceContinuousControl(rewardScale: 1, maxSteps: 5_000_000)
            h.confirmationInterval = 500_000
        case "Swimmer-v4":
            // rl-zoo A2C's shape (returns over 5 steps, RMSProp 7e-4) with γ = 0.999: three of five
            // seeds leave the local optimum near 35 (256–355), where Adam over rollouts of 32 left it
            // at no discount; the best of evaluations every 500k steps is kept (docs/tuning.md#mujoco).
            lowVarianceContinuousControl(rewardScale: 0.1, maxSteps: 5_000_000)
            h.gamma = 0.999
            h.tMax = 5
            h.gaeLambda = 1
            h.optimizer = .rmsprop(epsilon: 1e-10)
            h.learningRate = 7e-4
            h.confirmationInterval = 500_000
        case "Reacher-v4":
            // Episodes of 50 steps whose reward is the distance now: γ = 0.95 (−4.6 deterministic,
            // seed 1) where 0.99 reached −6.5 in 2M steps and −5.5 in 5M (docs/tuning.md#mujoco).
            lowVarianceContinuousControl(rewardScale: 1, maxSteps: 2_000_000)
            h.gamma = 0.95
        case _ where (try? Registry.spec(envID))?.make().actionSpace.isDiscrete == false:
            lowVarianceContinuousControl(rewardScale: 1, maxSteps: 2_000_000)
        default:
            if algorithm == .a2c {
                h.optimizer = .adam()
                h.learningRate = 1e-3
                h.rewardScale = 1
                h.entropyCoefficient = 0.01
            }
        }
        return h
    }

    /// The network this configuration trains for an environment's spaces.
    public func architecture(observationSize: Int, observationShape: [Int]? = nil, policy: PolicyHead) -> Architecture {
        Architecture(observationSize: observationSize, observationShape: observationShape, policy: policy, torso: torso ?? [],
                     hidden: hidden, activation: activation, sharedTrunk: sharedTrunk, initialization: initialization)
    }

    /// Checks the values a user can set; the message names the field and the valid range.
    public func validate() throws(TrainingError) {
        func check(_ ok: Bool, _ message: @autoclosure () -> String) throws(TrainingError) {
            if !ok { throw .invalidHyperparameter(message()) }
        }
        try check(workers >= 1 && workers <= Self.maxWorkers, "workers must be in 1...\(Self.maxWorkers), got \(workers)")
        try check(tMax >= 1 && tMax <= Self.maxTMax, "tMax must be in 1...\(Self.maxTMax), got \(tMax)")
        try check(gamma > 0 && gamma <= 1, "gamma must be in (0, 1], got \(gamma)")
        try check(gaeLambda.map { $0 >= 0 && $0 <= 1 } ?? true, "gaeLambda must be in [0, 1], got \(gaeLambda!)")
        try check(learningRate > 0 && learningRate.isFinite, "learning rate must be positive, got \(learningRate)")
        try check(rewardScale > 0 && rewardScale.isFinite, "reward scale must be positive, got \(rewardScale)")
        try check(rewardFloor.map { $0.isFinite } ?? true, "reward floor must be a finite number, got \(rewardFloor!)")
        try check(valueCoefficient >= 0 && valueCoefficient.isFinite, "value coefficient must be non-negative, got \(valueCoefficient)")
        try check(entropyCoefficient >= 0 && entropyCoefficient.isFinite, "entropy coefficient must be non-negative, got \(entropyCoefficient)")
        try check(maxGradientNorm.map { $0 > 0 && $0.isFinite } ?? true, "max gradient norm must be positive, got \(maxGradientNorm!)")
        try check(!hidden.isEmpty || !(torso ?? []).isEmpty, "a network needs hidden layers or a torso")
        try check(hidden.allSatisfy { $0 > 0 }, "hidden widths must be positive, got \(hidden)")
        try check((torso ?? []).count <= Architecture.maxTorsoLayers, "at most \(Architecture.maxTorsoLayers) torso layers, got \(torso!.count)")
        try check(hidden.count <= Architecture.maxHiddenLayers, "at most \(Architecture.maxHiddenLayers) hidden layers, got \(hidden.count)")
        try check(initialLogStd.isFinite, "initial log-std must be finite, got \(initialLogStd)")
        try check(stateDependentNoiseInterval.map { $0 >= 1 } ?? true,
                  "the state-dependent noise interval must be a positive number of steps, got \(stateDependentNoiseInterval!)")
        try check(targetReturn.map { !$0.isNaN } ?? true, "target return must be a number, got \(targetReturn!)")
        switch optimizer {
        case let .adam(beta1, beta2, epsilon):
            try check(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "Adam's betas must be in [0, 1), got \(beta1), \(beta2)")
            try check(epsilon > 0 && epsilon.isFinite, "Adam's epsilon must be positive, got \(epsilon)")
        case let .rmsprop(alpha, epsilon):
            try check(alpha >= 0 && alpha < 1, "RMSProp's alpha must be in [0, 1), got \(alpha)")
            try check(epsilon > 0 && epsilon.isFinite, "RMSProp's epsilon must be positive, got \(epsilon)")
        case .sgd: break
        }
        try check(maxSteps.map { $0 > 0 } ?? true, "max steps must be positive, got \(maxSteps!)")
        try check(maxSeconds.map { $0 > 0 } ?? true, "max seconds must be positive, got \(maxSeconds!)")
        try check(confirmationEpisodes.map { $0 >= 1 && $0 <= Self.maxConfirmationEpisodes } ?? true,
                  "confirmation episodes must be in 1...\(Self.maxConfirmationEpisodes), got \(confirmationEpisodes!)")
        try check(confirmationStandardErrors.map { $0 >= 0 && $0.isFinite } ?? true,
                  "confirmation standard errors must be a number ≥ 0, got \(confirmationStandardErrors!)")
        try check(confirmationInterval.map { $0 > 0 } ?? true, "confirmation interval must be a positive number of steps, got \(confirmationInterval!)")
        try check(confirmationInterval == nil || confirmationEpisodes != nil,
                  "a confirmation interval needs confirming evaluations (confirmation episodes ≥ 1)")
        try check(learningRateSchedule == .constant || maxSteps != nil, "a linear learning-rate schedule needs max steps")
    }

    /// A reward as training sees it: scaled by `rewardScale`, then raised to `rewardFloor`.
    @inlinable
    public func trainingReward(_ reward: Double) -> Float {
        let scaled = Float(reward) * rewardScale
        guard let rewardFloor else { return scaled }
        return max(scaled, rewardFloor)
    }

    /// The learning rate after `steps` environment steps.
    @inlinable
    public func learningRate(atStep steps: Int) -> Float {
        switch learningRateSchedule {
        case .constant: return learningRate
        case .linear: return learningRate * max(0, 1 - Float(steps) / Float(maxSteps ?? Int.max))
        }
    }
}
