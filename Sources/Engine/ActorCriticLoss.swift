/// Weights of the actor-critic loss terms.
public struct LossCoefficients: Codable, Equatable, Sendable {
    /// c_v, weight of ½(R − V)².
    public var value: Float
    /// c_e, weight of the entropy bonus.
    public var entropy: Float

    public init(value: Float = 0.5, entropy: Float = 0.01) {
        self.value = value
        self.entropy = entropy
    }
}

/// Batch means of the loss terms.
public struct LossTerms: Equatable, Sendable {
    /// mean of −A·log π(a|s).
    public var policy: Float
    /// mean of ½(R − V)² (before c_v).
    public var value: Float
    /// mean entropy H of the policy.
    public var entropy: Float
    /// policy + c_v·value − c_e·entropy.
    public var total: Float

    public init(policy: Float, value: Float, entropy: Float, total: Float) {
        self.policy = policy
        self.value = value
        self.entropy = entropy
        self.total = total
    }
}

extension ActorCriticNetwork {
    /// Forward, loss and backward for one batch; the gradient of
    /// L = mean_b[ −A_b·log π(a_b|s_b) + c_v·½(R_b − V(s_b))² − c_e·H(π(·|s_b)) ]
    /// replaces `gradients`.
    ///
    /// `actions` is `batch × 1` (the action index as a Float) for a categorical policy and
    /// `batch × d` for a Gaussian one; `advantages` are constants (no gradient flows through them).
    /// `reusingForward`: scratch rows `0 ..< batch` already hold the forward pass of exactly these
    /// observations with the current parameters (a rollout that acted row by row), so it is skipped.
    /// A recurrent network's batch is time-major, `sequences` per step; without `reusingForward` it
    /// runs from `state` (the state the window began with, advanced to the one after it).
    /// Throws, leaving the gradients zero, when the loss is NaN or infinite.
    public func lossAndGradient(observations: UnsafePointer<Float>, actions: UnsafePointer<Float>,
                                advantages: UnsafePointer<Float>, returns: UnsafePointer<Float>, batch: Int,
                                coefficients: LossCoefficients, reusingForward: Bool = false, sequences: Int = 1,
                                state: UnsafeMutablePointer<Float>? = nil,
                                episodeStarts: UnsafePointer<Float>? = nil) throws(NonFiniteLossError) -> LossTerms {
        if reusingForward {
            precondition(batch <= capacity, "reusing a forward of \(batch) rows needs that many rows computed first")
        } else {
            forward(observations: observations, batch: batch, sequences: sequences, state: state, episodeStarts: episodeStarts)
        }
        zeroGradients()
        let scale = 1 / Float(batch)
        let n = policyOutputCount
        let head = policyOutput, v = values
        let dHead = policyGradientScratch!, dV = valueGradientScratch!
        var policySum: Float = 0, valueSum: Float = 0, entropySum: Float = 0
        // One loop per head kind, so that the per-row work has no switch and inlines.
        switch architecture.policy {
        case .categorical:
            for b in 0..<batch {
                let term = CategoricalPolicy.lossGradient(
                    logits: head + b * n, count: n, action: Int(actions[b]), advantage: advantages[b],
                    entropyCoefficient: coefficients.entropy, scale: scale, dLogits: dHead + b * n)
                policySum -= advantages[b] * term.logProbability
                entropySum += term.entropy
            }
        case .gaussian:
            let logStd = parameters.baseAddress! + logStdOffset!, dLogStd = gradients.baseAddress! + logStdOffset!
            for b in 0..<batch {
                let term = GaussianPolicy.lossGradient(
                    mean: head + b * n, logStd: logStd, count: n, action: actions + b * n,
                    advantage: advantages[b], entropyCoefficient: coefficients.entropy, scale: scale,
                    dMean: dHead + b * n, dLogStd: dLogStd)
                policySum -= advantages[b] * term.logProbability
                entropySum += term.entropy
            }
        }
        let valueScale = scale * coefficients.value
        for b in 0..<batch {
            let error = v[b] - returns[b]
            valueSum += 0.5 * error * error
            dV[b] = valueScale * error
        }
        let terms = LossTerms(policy: policySum * scale, value: valueSum * scale, entropy: entropySum * scale,
                              total: (policySum + coefficients.value * valueSum - coefficients.entropy * entropySum) * scale)
        guard terms.total.isFinite else {
            zeroGradients()
            throw NonFiniteLossError(terms: terms)
        }
        backward(observations: observations, batch: batch, sequences: sequences, episodeStarts: episodeStarts,
                 policyGradient: dHead, valueGradient: dV)
        return terms
    }
}
