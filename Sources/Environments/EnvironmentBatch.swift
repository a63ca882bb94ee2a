import SeededRandom

/// `count` environments of one type stepped in one call, for A2C and fast A3C workers.
///
/// Observations live in one row-major `[count × observationSize]` buffer. An environment whose
/// episode ended (terminated or truncated) is reset at once with its own generator: its row then
/// holds the new episode's first observation, while the ended episode's last observation, return
/// and length are reported in `finalObservations`, `episodeReturns` and `episodeLengths` (valid
/// in the rows where `terminated` or `truncated` is set by the latest step). Stepping allocates
/// nothing.
public struct EnvironmentBatch<E: Environment> {
    /// Number of environments.
    public let count: Int
    public let observationSize: Int
    /// Components of one continuous action (the number of actions of a discrete space).
    public let actionSize: Int

    @usableFromInline var environmentStorage: [E]
    @usableFromInline var observationStorage: [Float]
    @usableFromInline var finalObservationStorage: [Float]
    @usableFromInline var rewardStorage: [Double]
    @usableFromInline var terminatedStorage: [Bool]
    @usableFromInline var truncatedStorage: [Bool]
    @usableFromInline var episodeReturnStorage: [Double]
    @usableFromInline var episodeLengthStorage: [Int]
    @usableFromInline var runningReturns: [Double]
    @usableFromInline var runningLengths: [Int]

    /// Index of this batch's first environment in the larger batch it is a shard of (0 when whole):
    /// environment `i` here is seeded as environment `firstIndex + i` of that batch.
    public let firstIndex: Int

    /// `count` new environments from `make`, reset with seeds derived from `seed`. Give them their
    /// time limit (`TimeLimited`, or `init(count:seed:factory:)`): the batch resets an environment
    /// only when a step reports terminated or truncated. `firstIndex` > 0 makes the batch the shard
    /// `firstIndex ..< firstIndex + count` of a larger one seeded with `seed`, so that shards
    /// stepped on separate threads reproduce the whole batch exactly.
    public init(count: Int, seed: UInt64, firstIndex: Int = 0, make: () -> E) {
        precondition(count > 0, "a batch needs at least one environment, got \(count)")
        precondition(firstIndex >= 0, "a shard's first index cannot be negative, got \(firstIndex)")
        environmentStorage = (0..<count).map { _ in make() }
        let prototype = environmentStorage[0]
        self.count = count
        self.firstIndex = firstIndex
        observationSize = prototype.observationSpace.size
        actionSize = prototype.actionSpace.size
        observationStorage = Array(repeating: 0, count: count * observationSize)
        finalObservationStorage = observationStorage
        rewardStorage = Array(repeating: 0, count: count)
        terminatedStorage = Array(repeating: false, count: count)
        truncatedStorage = terminatedStorage
        episodeReturnStorage = rewardStorage
        episodeLengthStorage = Array(repeating: 0, count: count)
        runningReturns = rewardStorage
        runningLengths = episodeLengthStorage
        reset(seed: seed)
    }

    /// `count` environments of a registered spec's `factory`, with its time limit.
    public init<F: EnvironmentFactory>(count: Int, seed: UInt64, firstIndex: Int = 0, factory: F) where E == TimeLimited<F.Base> {
        self.init(count: count, seed: seed, firstIndex: firstIndex, make: factory.make)
    }

    /// The environments, in row order.
    @inlinable public var environments: [E] { environmentStorage }
    /// `[count × observationSize]`: each environment's current observation.
    @inlinable public var observations: [Float] { observationStorage }
    /// `[count × observationSize]`: the last observation of the episode a row ended at the latest step.
    @inlinable public var finalObservations: [Float] { finalObservationStorage }
    @inlinable public var rewards: [Double] { rewardStorage }
    @inlinable public var terminated: [Bool] { terminatedStorage }
    @inlinable public var truncated: [Bool] { truncatedStorage }
    /// The undiscounted return of the episode a row ended at the latest step.
    @inlinable public var episodeReturns: [Double] { episodeReturnStorage }
    /// The number of steps of the episode a row ended at the latest step.
    @inlinable public var episodeLengths: [Int] { episodeLengthStorage }

    /// The seed environment `index` of a batch seeded with `seed` is reset with.
    public static func environmentSeed(batchSeed seed: UInt64, index: Int) -> UInt64 {
        var mixer = SplitMix64(state: seed)
        for _ in 0..<index { _ = mixer.next() }
        return mixer.next()
    }

    /// Starts new episodes in every environment, environment `i` seeded with
    /// `environmentSeed(batchSeed: seed, index: firstIndex + i)`; clears rewards, flags and running returns.
    public mutating func reset(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        for _ in 0..<firstIndex { _ = mixer.next() }
        let size = observationSize
        observationStorage.withUnsafeMutableBufferPointer { observations in
            for i in 0..<count {
                let row = UnsafeMutableBufferPointer(rebasing: observations[i * size ..< (i + 1) * size])
                environmentStorage[i].reset(seed: mixer.next(), observation: row)
            }
        }
        for i in 0..<count {
            rewardStorage[i] = 0
            terminatedStorage[i] = false
            truncatedStorage[i] = false
            runningReturns[i] = 0
            runningLengths[i] = 0
        }
    }

    /// Steps environment `i` with `actions[i]`. An invalid action throws, leaving the
    /// environments before it stepped.
    @inlinable
    public mutating func step(discrete actions: UnsafeBufferPointer<Int32>) throws(EnvironmentError) {
        precondition(actions.count == count, "\(count) environments need \(count) actions, got \(actions.count)")
        try stepEach { (environment, i, observation) throws(EnvironmentError) in
            try environment.step(discrete: Int(actions[i]), observation: observation)
        }
    }

    /// Steps environment `i` with `actions[i]`. An invalid action throws, leaving the
    /// environments before it stepped.
    @inlinable
    public mutating func step(discrete actions: [Int]) throws(EnvironmentError) {
        precondition(actions.count == count, "\(count) environments need \(count) actions, got \(actions.count)")
        try stepEach { (environment, i, observation) throws(EnvironmentError) in
            try environment.step(discrete: actions[i], observation: observation)
        }
    }

    /// Steps environment `i` with row `i` of the row-major `[count × actionSize]` `actions`.
    /// An invalid action throws, leaving the environments before it stepped.
    @inlinable
    public mutating func step(continuous actions: UnsafeBufferPointer<Float>) throws(EnvironmentError) {
        let size = actionSize
        precondition(actions.count == count * size, "\(count) environments need \(count)×\(size) action components, got \(actions.count)")
        try stepEach { (environment, i, observation) throws(EnvironmentError) in
            try environment.step(continuous: UnsafeBufferPointer(rebasing: actions[i * size ..< (i + 1) * size]), observation: observation)
        }
    }

    /// Steps every environment with `stepOne`, records its result and resets it if its episode ended.
    @inlinable
    mutating func stepEach(
        _ stepOne: (inout E, Int, UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult
    ) throws(EnvironmentError) {
        let size = observationSize
        try environmentStorage.withUnsafeMutableBufferPointer { (environments) throws(EnvironmentError) in
            try observationStorage.withUnsafeMutableBufferPointer { (observations) throws(EnvironmentError) in
                for i in 0..<count {
                    let row = UnsafeMutableBufferPointer(rebasing: observations[i * size ..< (i + 1) * size])
                    let result = try stepOne(&environments[i], i, row)
                    rewardStorage[i] = result.reward
                    terminatedStorage[i] = result.terminated
                    truncatedStorage[i] = result.truncated
                    runningReturns[i] += result.reward
                    runningLengths[i] += 1
                    if result.done {
                        for j in 0..<size { finalObservationStorage[i * size + j] = row[j] }
                        episodeReturnStorage[i] = runningReturns[i]
                        episodeLengthStorage[i] = runningLengths[i]
                        runningReturns[i] = 0
                        runningLengths[i] = 0
                        environments[i].reset(seed: nil, observation: row)
                    }
                }
            }
        }
    }
}

extension EnvironmentBatch: Sendable where E: Sendable {}
