import Agents

extension RunningMeanStd {
    /// The statistics of the observations in `self` that are not in `part`, where `self` is `part`
    /// merged with more (Chan et al.'s merge solved for the other half). Empty when nothing is left.
    /// A rank sends this difference to rank 0 and, on the reply, keeps what came in meanwhile.
    func removing(_ part: RunningMeanStd) -> RunningMeanStd {
        let rest = count - part.count
        guard rest > 0.5, part.count > 0 else { return part.count > 0 ? RunningMeanStd(size: size) : self }
        var mean = [Double](repeating: 0, count: size), variance = mean
        for i in 0..<size {
            mean[i] = (count * self.mean[i] - part.count * part.mean[i]) / rest
            let delta = mean[i] - part.mean[i]
            let m2 = self.variance[i] * count - part.variance[i] * part.count - delta * delta * part.count * rest / count
            variance[i] = max(m2, 0) / rest
        }
        return RunningMeanStd(count: rest, mean: mean, variance: variance)
    }
}
