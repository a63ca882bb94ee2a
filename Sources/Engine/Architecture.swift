/// The distribution the policy head parameterises.
public enum PolicyHead: Codable, Equatable, Sendable {
    /// Softmax over `actions` logits.
    case categorical(actions: Int)
    /// Diagonal Gaussian: the network outputs the mean; a state-independent, learnable
    /// log-standard-deviation per dimension starts at `initialLogStd` (the seed uses −0.5).
    case gaussian(dimensions: Int, initialLogStd: Float)

    /// Number of outputs of the policy's last layer.
    public var outputs: Int {
        switch self {
        case .categorical(let n): n
        case .gaussian(let d, _): d
        }
    }

    /// Values one action takes: 1 (the index) for a categorical policy, else the Gaussian's dimensions.
    public var actionWidth: Int {
        switch self {
        case .categorical: 1
        case .gaussian(let d, _): d
        }
    }
}

/// How weights start.
public enum Initialization: String, Codable, Sendable, CaseIterable {
    /// Orthogonal with gain, biases zero (as Stable-Baselines3): √2 for hidden layers,
    /// 0.01 for the policy head, 1 for the value head.
    case orthogonal
    /// PyTorch's `nn.Linear` default: W and b uniform in ±1/√inputs (Kaiming-uniform, a = √5).
    case pytorch
}

/// The shape of an actor-critic network: what a checkpoint stores to rebuild it.
public struct Architecture: Codable, Equatable, Sendable {
    public var observationSize: Int
    /// The observation's shape, e.g. `[8]` or a board's `[10, 10, 4]` (channels last); its product
    /// is `observationSize`.
    public var observationShape: [Int]
    public var policy: PolicyHead
    /// Layers shared by actor and critic before `hidden` (conv, LSTM, dense); none by default.
    public var torso: [TorsoLayer]
    /// Widths of the hidden layers, e.g. `[128]` or `[64, 64]` (may be empty after a torso).
    public var hidden: [Int]
    public var activation: Activation
    /// True: one trunk of hidden layers feeds both heads (the seed's model). False: the actor and
    /// the critic each have their own hidden layers (Stable-Baselines3's default for A2C/PPO).
    public var sharedTrunk: Bool
    public var initialization: Initialization

    public init(observationSize: Int, observationShape: [Int]? = nil, policy: PolicyHead, torso: [TorsoLayer] = [],
                hidden: [Int], activation: Activation, sharedTrunk: Bool, initialization: Initialization) {
        precondition(observationSize > 0, "observation size must be positive, got \(observationSize)")
        precondition(policy.outputs > 0, "policy head needs at least one output, got \(policy)")
        precondition(hidden.allSatisfy { $0 > 0 }, "hidden layer widths must be positive, got \(hidden)")
        self.observationSize = observationSize
        self.observationShape = observationShape ?? [observationSize]
        self.policy = policy
        self.torso = torso
        self.hidden = hidden
        self.activation = activation
        self.sharedTrunk = sharedTrunk
        self.initialization = initialization
    }

    enum CodingKeys: String, CodingKey {
        case observationSize, observationShape, policy, torso, hidden, activation, sharedTrunk, initialization
    }

    /// Checkpoints before format 3 have neither a torso nor an observation shape: none, and a vector.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        observationSize = try c.decode(Int.self, forKey: .observationSize)
        observationShape = try c.decodeIfPresent([Int].self, forKey: .observationShape) ?? [observationSize]
        policy = try c.decode(PolicyHead.self, forKey: .policy)
        torso = try c.decodeIfPresent([TorsoLayer].self, forKey: .torso) ?? []
        hidden = try c.decode([Int].self, forKey: .hidden)
        activation = try c.decode(Activation.self, forKey: .activation)
        sharedTrunk = try c.decode(Bool.self, forKey: .sharedTrunk)
        initialization = try c.decode(Initialization.self, forKey: .initialization)
    }

    /// True when the torso holds an LSTM: the network then carries a state per sequence.
    public var isRecurrent: Bool { torso.contains { $0.isRecurrent } }

    /// The seed's `PolicyValueModel`: `Linear(obs, 128) + SiLU` shared by a linear policy head
    /// and a linear value head, PyTorch's default initialisation.
    public static func seed(observationSize: Int, policy: PolicyHead, hidden: Int = 128) -> Architecture {
        Architecture(observationSize: observationSize, policy: policy, hidden: [hidden], activation: .silu,
                     sharedTrunk: true, initialization: .pytorch)
    }

    /// Separate actor and critic MLPs (default 64-64 tanh, orthogonal init), as Stable-Baselines3.
    public static func separate(observationSize: Int, policy: PolicyHead, hidden: [Int] = [64, 64],
                                activation: Activation = .tanh) -> Architecture {
        Architecture(observationSize: observationSize, policy: policy, hidden: hidden, activation: activation,
                     sharedTrunk: false, initialization: .orthogonal)
    }
}

extension PolicyHead {
    /// The distribution family, without its sizes.
    public enum Kind: Sendable { case categorical, gaussian }

    public var kind: Kind {
        switch self {
        case .categorical: .categorical
        case .gaussian: .gaussian
        }
    }
}
