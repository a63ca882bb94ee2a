import SeededRandom

/// A memory task after bsuite's `memory_len` (Osband et al., 2020), rules written from its
/// description: a context bit is shown at the first step only; `length` steps later a query flag
/// asks for it, and the action taken then scores +1 if it names the bit and −1 otherwise (0 on
/// every other step). The observation is (time remaining, query flag, context). A feed-forward
/// policy sees the same observations whatever the bit after the first step, so its best expected
/// return is 0; a policy that remembers reaches the optimum, 1.
public struct MemoryLength: Environment {
    /// Steps from the context to the query, inclusive of the query step.
    public let length: Int
    public private(set) var step = 0
    public private(set) var context = 0
    private var generator = Xoshiro256(seed: 0)

    public static let registeredID = "MemoryLength-v0"

    public init(length: Int = 10) {
        precondition(length >= 1, "MemoryLength needs a length of at least 1, got \(length)")
        self.length = length
    }

    public var id: String { Self.registeredID }
    public var observationSpace: BoxSpace { BoxSpace(low: [0, 0, -1], high: [1, 1, 1]) }
    public var actionSpace: ActionSpace { .discrete(2) }

    private func observe(_ observation: UnsafeMutableBufferPointer<Float>) {
        observation[0] = Float(length - step) / Float(length)
        observation[1] = step == length ? 1 : 0
        observation[2] = step == 0 ? (context == 1 ? 1 : -1) : 0
    }

    public mutating func reset(seed: UInt64?, observation: UnsafeMutableBufferPointer<Float>) {
        if let seed { generator = Xoshiro256(seed: seed) }
        step = 0
        context = generator.nextInt(below: 2)
        observe(observation)
    }

    public mutating func step(discrete action: Int, observation: UnsafeMutableBufferPointer<Float>) throws(EnvironmentError) -> StepResult {
        guard action == 0 || action == 1 else {
            throw .invalidAction(env: id, action: "\(action)", space: actionSpace, reason: "expected 0 or 1: the bit the query asks for")
        }
        let queried = step == length
        step = min(step + 1, length)
        observe(observation)
        guard queried else { return StepResult(reward: 0, terminated: false) }
        return StepResult(reward: action == context ? 1 : -1, terminated: true)
    }
}

extension Registry {
    /// The memory task: optimum 1, chance 0; threshold 0.9.
    static let memorySpecs: [EnvironmentSpec] = [
        EnvironmentSpec(id: MemoryLength.registeredID, maxEpisodeSteps: 100, rewardThreshold: 0.9, make: { MemoryLength() }),
    ]
}
