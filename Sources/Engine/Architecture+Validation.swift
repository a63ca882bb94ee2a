extension Architecture {
    /// Most hidden layers a network may have (deeper ones are not what this engine is for, and a
    /// bound keeps an edited checkpoint from asking for millions of layers).
    public static let maxHiddenLayers = 64
    /// Most torso layers a network may have.
    public static let maxTorsoLayers = 32

    /// The number of parameters this architecture has, after checking every size (`ParameterLayout`).
    /// The initialiser's preconditions do not run for a decoded value, so anything read from a file
    /// goes through this before a network is laid out.
    public func checkedParameterCount() throws(ShapeError) -> Int {
        try ParameterLayout(self).count
    }
}
