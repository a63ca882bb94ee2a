/// The metrics of a run as named scalars, for TensorBoard (`TensorBoard.EventWriter.add`) or any
/// other log of (tag, value) pairs. Tags group by their prefix, as Stable-Baselines3 names them:
/// `rollout/`, `train/`, `time/`, `eval/`.
extension ProgressReport {
    /// Mean100 return and length, steps per second, the sampled losses and the learning rate
    /// (those not known yet are left out).
    public var scalars: [(tag: String, value: Double)] {
        var scalars: [(tag: String, value: Double)] = [("time/steps_per_second", stepsPerSecond)]
        if let mean100 { scalars.append(("rollout/mean100_return", mean100)) }
        if let meanLength100 { scalars.append(("rollout/mean100_length", meanLength100)) }
        if let loss {
            scalars += [("train/policy_loss", Double(loss.policy)), ("train/value_loss", Double(loss.value)),
                        ("train/entropy", Double(loss.entropy))]
        }
        if let learningRate { scalars.append(("train/learning_rate", learningRate)) }
        return scalars
    }
}

extension EvaluationSummary {
    /// An evaluation's mean return, its standard deviation and the mean episode length.
    public var scalars: [(tag: String, value: Double)] {
        [("eval/mean_return", mean), ("eval/std_return", standardDeviation), ("eval/mean_length", meanLength)]
    }
}
