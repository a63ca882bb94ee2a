import XCTest
import SeededRandom

final class Xoshiro256Tests: XCTestCase {
    func testSplitMixMatchesPublishedFirstOutputs() {
        // Reference outputs of SplitMix64 seeded with 1234567 (from the authors' C code).
        var g = SplitMix64(state: 1_234_567)
        XCTAssertEqual(g.next(), 6_457_827_717_110_365_317)
        XCTAssertEqual(g.next(), 3_203_168_211_198_807_973)
        XCTAssertEqual(g.next(), 9_817_491_932_198_370_423)
    }

    func testSameSeedSameStreamDifferentSeedDifferentStream() {
        var a = Xoshiro256(seed: 42), b = Xoshiro256(seed: 42), c = Xoshiro256(seed: 43)
        let sa = (0..<100).map { _ in a.next() }
        XCTAssertEqual(sa, (0..<100).map { _ in b.next() })
        XCTAssertNotEqual(sa, (0..<100).map { _ in c.next() })
    }

    func testUniformMomentsAndRange() {
        var g = Xoshiro256(seed: 7)
        let n = 200_000
        var sum = 0.0, sumSq = 0.0
        for _ in 0..<n {
            let u = g.nextDouble()
            XCTAssert(u >= 0 && u < 1)
            sum += u; sumSq += u * u
        }
        let mean = sum / Double(n), variance = sumSq / Double(n) - mean * mean
        XCTAssertEqual(mean, 0.5, accuracy: 0.005)       // σ/√n ≈ 0.00065
        XCTAssertEqual(variance, 1.0 / 12.0, accuracy: 0.002)
    }

    func testGaussianMoments() {
        var g = Xoshiro256(seed: 9)
        let n = 200_000
        var sum = 0.0, sumSq = 0.0
        for _ in 0..<n { let z = g.nextGaussian(); sum += z; sumSq += z * z }
        XCTAssertEqual(sum / Double(n), 0, accuracy: 0.01)
        XCTAssertEqual(sumSq / Double(n), 1, accuracy: 0.02)
    }

    func testIntBelowCoversRangeEvenly() {
        var g = Xoshiro256(seed: 3)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[g.nextInt(below: 6)] += 1 }
        for c in counts { XCTAssertEqual(Double(c), 10_000, accuracy: 500) }
    }
}
