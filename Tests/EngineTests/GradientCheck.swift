import XCTest

/// Central finite differences of `loss` with respect to `values[i]`, in place.
func numericalGradient(of loss: () -> Double, values: UnsafeMutablePointer<Float>, indices: [Int],
                       step: Float = 1e-2) -> [Double] {
    indices.map { i in
        let saved = values[i]
        values[i] = saved + step
        let plus = loss()
        values[i] = saved - step
        let minus = loss()
        values[i] = saved
        return (plus - minus) / Double(2 * step)
    }
}

/// Fails unless `analytic` matches `numeric` as a whole (relative error of the vectors) and entry by entry.
func assertGradientsMatch(_ analytic: [Double], _ numeric: [Double], relative: Double = 1e-2, absolute: Double = 2e-3,
                          _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(analytic.count, numeric.count, file: file, line: line)
    var diff = 0.0, scale = 0.0
    for (a, n) in zip(analytic, numeric) {
        diff += (a - n) * (a - n)
        scale += a * a + n * n
        XCTAssertEqual(a, n, accuracy: absolute + relative * max(abs(a), abs(n)), "\(what): analytic \(a) vs numeric \(n)",
                       file: file, line: line)
    }
    XCTAssertGreaterThan(scale, 1e-8, "\(what): gradient is zero, nothing was checked", file: file, line: line)
    XCTAssertLessThan((diff / max(scale, 1e-30)).squareRoot(), relative, "\(what): relative error of the whole gradient",
                      file: file, line: line)
}

/// Random floats in ±scale from a fixed-seed generator.
func randomFloats(_ count: Int, seed: UInt64, scale: Float = 1) -> [Float] {
    var state = seed &+ 0x9E37_79B9
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (Float(state >> 40) / Float(1 << 24) * 2 - 1) * scale
    }
}

/// Values that finite differences perturb in place while the loss reads them.
final class Buffer {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int
    init(_ values: [Float]) {
        count = values.count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(from: values, count: count)
    }
    deinit { pointer.deallocate() }
    var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
    func numericalGradient(of loss: () -> Double, step: Float = 1e-2) -> [Double] {
        EngineTests.numericalGradient(of: loss, values: pointer, indices: Array(0..<count), step: step)
    }
}
