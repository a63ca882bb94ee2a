/// One worker's rollout of up to `capacity` steps, in contiguous row-major buffers allocated once.
/// Row `capacity` of `observations` holds the state after the last step (for bootstrapping).
final class RolloutBuffer {
    let capacity: Int
    let observationSize: Int
    let actionWidth: Int
    let observations: UnsafeMutablePointer<Float>
    let actions: UnsafeMutablePointer<Float>
    let rewards: UnsafeMutablePointer<Float>
    let values: UnsafeMutablePointer<Float>
    let returns: UnsafeMutablePointer<Float>
    let advantages: UnsafeMutablePointer<Float>

    init(capacity: Int, observationSize: Int, actionWidth: Int) {
        self.capacity = capacity
        self.observationSize = observationSize
        self.actionWidth = actionWidth
        func zeros(_ n: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: n)
            p.initialize(repeating: 0, count: n)
            return p
        }
        observations = zeros((capacity + 1) * observationSize)
        actions = zeros(capacity * actionWidth)
        rewards = zeros(capacity)
        values = zeros(capacity)
        returns = zeros(capacity)
        advantages = zeros(capacity)
    }

    deinit {
        for p in [observations, actions, rewards, values, returns, advantages] { p.deallocate() }
    }

    @inline(__always) func observation(_ t: Int) -> UnsafeMutablePointer<Float> { observations + t * observationSize }
    @inline(__always) func action(_ t: Int) -> UnsafeMutablePointer<Float> { actions + t * actionWidth }
}
