extension Architecture {
    /// Most hidden layers a network may have (deeper ones are not what this engine is for, and a
    /// bound keeps an edited checkpoint from asking for millions of layers).
    public static let maxHiddenLayers = 64

    /// The number of parameters this architecture has, after checking every size: all positive,
    /// at most `maxHiddenLayers` hidden layers, and no overflow on the way. The initialiser's
    /// preconditions do not run for a decoded value, so anything read from a file goes through this
    /// before a network is laid out.
    public func checkedParameterCount() throws(ShapeError) -> Int {
        guard observationSize > 0 else { throw ShapeError("observation size must be positive, got \(observationSize)") }
        switch policy {
        case .categorical(let n):
            guard n > 0 else { throw ShapeError("a categorical policy needs at least one action, got \(n)") }
        case let .gaussian(d, logStd):
            guard d > 0 else { throw ShapeError("a Gaussian policy needs at least one dimension, got \(d)") }
            guard logStd.isFinite else { throw ShapeError("the initial log-std must be finite, got \(logStd)") }
        }
        guard !hidden.isEmpty, hidden.count <= Self.maxHiddenLayers else {
            throw ShapeError("a network has 1 to \(Self.maxHiddenLayers) hidden layers, got \(hidden.count)")
        }
        guard hidden.allSatisfy({ $0 > 0 }) else { throw ShapeError("hidden layer widths must be positive, got \(hidden)") }

        let overflow = ShapeError("the network's parameter count overflows: observation \(observationSize), hidden \(hidden), policy \(policy)")
        var total = 0
        func add(_ x: Int) throws(ShapeError) {
            let (sum, over) = total.addingReportingOverflow(x)
            if over { throw overflow }
            total = sum
        }
        func layer(_ inputs: Int, _ outputs: Int) throws(ShapeError) {
            let (weights, over) = inputs.multipliedReportingOverflow(by: outputs)
            if over { throw overflow }
            try add(weights)
            try add(outputs)
        }
        func tower(from inputs: Int, widths: [Int], head: Int) throws(ShapeError) {
            var width = inputs
            for w in widths { try layer(width, w); width = w }
            try layer(width, head)
        }
        if sharedTrunk {
            try tower(from: observationSize, widths: Array(hidden.dropLast()), head: hidden.last!)
            try layer(hidden.last!, policy.outputs)
            try layer(hidden.last!, 1)
        } else {
            try tower(from: observationSize, widths: hidden, head: policy.outputs)
            try tower(from: observationSize, widths: hidden, head: 1)
        }
        if case .gaussian(let d, _) = policy { try add(d) }
        return total
    }
}
