import Engine
import SeededRandom

/// How training draws a Gaussian policy's actions: independent noise at every step, or gSDE's held
/// noise (`Hyperparameters.stateDependentNoiseInterval`), a matrix per environment drawn again every
/// `interval` steps. Owns that buffer; one per A3C worker or A2C trainer, used by its thread only.
final class GaussianExploration {
    let interval: Int?
    let featureCount: Int
    /// Floats of held noise per environment (features × actions).
    let matrixSize: Int
    let noise: UnsafeMutableBufferPointer<Float>
    private var steps = 0

    init(interval: Int?, featureCount: Int, actionWidth: Int, environments: Int) {
        self.interval = interval
        self.featureCount = featureCount
        matrixSize = interval == nil ? 0 : featureCount * actionWidth
        noise = .allocate(capacity: environments * matrixSize)
        noise.initialize(repeating: 0)
    }

    deinit { noise.deallocate() }

    /// Draws new held noise for every environment when it is due; once per step of all environments.
    @inline(__always)
    func beginStep(rng: inout Xoshiro256) {
        guard let interval else { return }
        if steps % interval == 0 { GaussianPolicy.drawNoise(noise, rng: &rng) }
        steps += 1
    }

    /// Environment `environment`'s action for this step; `features` are the actor's (gSDE's φ).
    @inline(__always)
    func sample(environment: Int, mean: UnsafePointer<Float>, logStd: UnsafePointer<Float>, count: Int,
                features: UnsafePointer<Float>, rng: inout Xoshiro256, into action: UnsafeMutablePointer<Float>) {
        if interval == nil {
            GaussianPolicy.sample(mean: mean, logStd: logStd, count: count, rng: &rng, into: action)
        } else {
            GaussianPolicy.sampleStateDependent(mean: mean, logStd: logStd, count: count, features: features, featureCount: featureCount,
                                                noise: noise.baseAddress! + environment * matrixSize, into: action)
        }
    }
}
