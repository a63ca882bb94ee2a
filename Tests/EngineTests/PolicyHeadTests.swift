import XCTest
import Engine
import SeededRandom

final class PolicyHeadTests: XCTestCase {
    func testCategoricalGradientMatchesFiniteDifferences() {
        for n in [2, 3, 7] {
            let logits = Buffer(randomFloats(n, seed: UInt64(n), scale: 2))
            let action = n - 2, advantage: Float = 1.7, entropyCoefficient: Float = 0.3, scale: Float = 0.5
            var scratch = [Float](repeating: 0, count: n)
            func loss() -> Double {
                let t = CategoricalPolicy.lossGradient(logits: logits.pointer, count: n, action: action, advantage: advantage,
                                                       entropyCoefficient: entropyCoefficient, scale: scale, dLogits: &scratch)
                return Double(scale) * Double(-advantage * t.logProbability - entropyCoefficient * t.entropy)
            }
            var dLogits = [Float](repeating: 0, count: n)
            let t = CategoricalPolicy.lossGradient(logits: logits.pointer, count: n, action: action, advantage: advantage,
                                                   entropyCoefficient: entropyCoefficient, scale: scale, dLogits: &dLogits)
            let p = logits.array.map { exp($0) }, total = p.reduce(0, +)
            XCTAssertEqual(t.logProbability, log(p[action] / total), accuracy: 1e-5)
            XCTAssertEqual(t.entropy, -p.map { $0 / total * log($0 / total) }.reduce(0, +), accuracy: 1e-5)
            let numeric = logits.numericalGradient(of: loss, step: 1e-3)
            assertGradientsMatch(dLogits.map(Double.init), numeric, "categorical logits, n = \(n)")
        }
    }

    func testGaussianGradientMatchesFiniteDifferences() {
        let d = 3
        let mean = Buffer(randomFloats(d, seed: 21))
        let logStd = Buffer(randomFloats(d, seed: 22, scale: 0.5))
        let action = randomFloats(d, seed: 23, scale: 1.5)
        let advantage: Float = -0.8, entropyCoefficient: Float = 0.2, scale: Float = 1
        var scratchMean = [Float](repeating: 0, count: d), scratchStd = [Float](repeating: 0, count: d)
        func loss() -> Double {
            let t = GaussianPolicy.lossGradient(mean: mean.pointer, logStd: logStd.pointer, count: d, action: action, advantage: advantage,
                                                entropyCoefficient: entropyCoefficient, scale: scale,
                                                dMean: &scratchMean, dLogStd: &scratchStd)
            return Double(-advantage * t.logProbability - entropyCoefficient * t.entropy)
        }
        var dMean = [Float](repeating: 0, count: d), dLogStd = [Float](repeating: 0, count: d)
        let t = GaussianPolicy.lossGradient(mean: mean.pointer, logStd: logStd.pointer, count: d, action: action, advantage: advantage,
                                            entropyCoefficient: entropyCoefficient, scale: scale, dMean: &dMean, dLogStd: &dLogStd)
        var expectedLogP: Float = 0
        for k in 0..<d {
            let s = exp(logStd.pointer[k])
            expectedLogP += -pow(action[k] - mean.pointer[k], 2) / (2 * s * s) - log(s) - 0.5 * log(2 * .pi)
        }
        XCTAssertEqual(t.logProbability, expectedLogP, accuracy: 1e-4)
        XCTAssertEqual(t.entropy, logStd.array.reduce(0, +) + Float(d) * 0.5 * (1 + log(2 * .pi)), accuracy: 1e-5)
        let numericMean = mean.numericalGradient(of: loss, step: 1e-3)
        assertGradientsMatch(dMean.map(Double.init), numericMean, "Gaussian mean")
        let numericStd = logStd.numericalGradient(of: loss, step: 1e-3)
        assertGradientsMatch(dLogStd.map(Double.init), numericStd, "Gaussian log-std")
    }

    func testCategoricalSamplingFollowsSoftmax() {
        let logits: [Float] = [0.5, -1, 1.2, 0]
        let total = logits.map { exp(Double($0)) }.reduce(0, +)
        var rng = Xoshiro256(seed: 5)
        var counts = [Int](repeating: 0, count: 4)
        let n = 100_000
        for _ in 0..<n { counts[CategoricalPolicy.sample(logits: logits, count: 4, rng: &rng)] += 1 }
        for j in 0..<4 {
            let p = exp(Double(logits[j])) / total
            // 5 standard deviations of a binomial proportion.
            XCTAssertEqual(Double(counts[j]) / Double(n), p, accuracy: 5 * (p * (1 - p) / Double(n)).squareRoot())
        }
        XCTAssertEqual(CategoricalPolicy.mode(logits: logits, count: 4), 2)
    }

    func testGaussianSamplingMoments() {
        let mean: [Float] = [1, -2], logStd: [Float] = [-0.5, 0.3]
        var rng = Xoshiro256(seed: 6)
        var action = [Float](repeating: 0, count: 2)
        var sum = [Double](repeating: 0, count: 2), sumSq = [Double](repeating: 0, count: 2)
        let n = 100_000
        for _ in 0..<n {
            GaussianPolicy.sample(mean: mean, logStd: logStd, count: 2, rng: &rng, into: &action)
            for k in 0..<2 { sum[k] += Double(action[k]); sumSq[k] += Double(action[k] * action[k]) }
        }
        for k in 0..<2 {
            let m = sum[k] / Double(n), sd = (sumSq[k] / Double(n) - m * m).squareRoot()
            XCTAssertEqual(m, Double(mean[k]), accuracy: 0.02)
            XCTAssertEqual(sd, Double(exp(logStd[k])), accuracy: 0.02)
        }
    }

    /// gSDE's noise: for fixed features each component is N(0, σ²) over draws of E (the moments
    /// `sample` has), the same E gives the same action for features of any length along one
    /// direction, and features of 0 take E's first row.
    func testStateDependentSamplingMomentsAndHeldNoise() {
        let mean: [Float] = [1, -2], logStd: [Float] = [-0.5, 0.3], features: [Float] = [0.3, -1.2, 0.05, 0.7, 2]
        var rng = Xoshiro256(seed: 7)
        var noise = [Float](repeating: 0, count: features.count * 2)
        var action = [Float](repeating: 0, count: 2)
        var sum = [Double](repeating: 0, count: 2), sumSq = [Double](repeating: 0, count: 2)
        let n = 100_000
        for _ in 0..<n {
            noise.withUnsafeMutableBufferPointer { GaussianPolicy.drawNoise($0, rng: &rng) }
            GaussianPolicy.sampleStateDependent(mean: mean, logStd: logStd, count: 2, features: features, featureCount: features.count,
                                                noise: noise, into: &action)
            for k in 0..<2 { sum[k] += Double(action[k]); sumSq[k] += Double(action[k] * action[k]) }
        }
        for k in 0..<2 {
            let m = sum[k] / Double(n), sd = (sumSq[k] / Double(n) - m * m).squareRoot()
            XCTAssertEqual(m, Double(mean[k]), accuracy: 0.02)
            XCTAssertEqual(sd, Double(exp(logStd[k])), accuracy: 0.02)
        }
        var scaled = [Float](repeating: 0, count: 2)
        GaussianPolicy.sampleStateDependent(mean: mean, logStd: logStd, count: 2, features: features.map { $0 * 3 },
                                            featureCount: features.count, noise: noise, into: &scaled)
        for k in 0..<2 { XCTAssertEqual(scaled[k], action[k], accuracy: 1e-5) }
        GaussianPolicy.sampleStateDependent(mean: mean, logStd: logStd, count: 2, features: [Float](repeating: 0, count: features.count),
                                            featureCount: features.count, noise: noise, into: &action)
        for k in 0..<2 { XCTAssertEqual(action[k], mean[k] + exp(logStd[k]) * noise[k], accuracy: 1e-6) }
    }
}
