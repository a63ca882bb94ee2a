import SeededRandom

/// What the classic-control environments share: a generator that `reset(seed:)` re-seeds, a
/// start state drawn from it, and an observation written from the state at each episode start.
@usableFromInline
protocol ClassicControlEnvironment: ReplayableEnvironment {
    static var registeredID: String { get }
    var rng: Xoshiro256 { get set }
    /// Draws the state an episode starts from.
    mutating func drawInitialState()
    func writeObservation(_ observation: UnsafeMutableBufferPointer<Float>)
}

extension ClassicControlEnvironment {
    @inlinable public var id: String { Self.registeredID }

    @inlinable
    public mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) {
        if let seed { rng = Xoshiro256(seed: seed) }
        drawInitialState()
        startEpisode(observation: observation)
    }

    /// Starts an episode from the current state: writes its observation.
    @inlinable
    mutating func startEpisode(observation: UnsafeMutableBufferPointer<Float>) {
        writeObservation(observation)
    }
}
