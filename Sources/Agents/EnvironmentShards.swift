import Environments

/// A2C's `count` environments split into contiguous shards, one `EnvironmentBatch` per shard,
/// stepped in parallel by a `ShardPool`. Shard s holds environments `ranges[s]` and seeds them as
/// those rows of one batch seeded with `seed`, so the results do not depend on the thread count.
///
/// Concurrency: this type owns the shards. During `step` shard s is touched only by the thread that
/// runs shard s; before and after it (reading results) only by the owner thread, which is the only
/// caller of every method. `ShardPool.run()` orders the two.
final class EnvironmentShards<E: Environment>: @unchecked Sendable {
    let count: Int
    let observationSize: Int
    let ranges: [Range<Int>]
    private let batches: UnsafeMutablePointer<EnvironmentBatch<E>>
    private let errors: UnsafeMutablePointer<EnvironmentError?>
    /// The current round's actions (set by `step` before the round starts).
    private var discreteActions: UnsafePointer<Int32>?
    private var continuousActions: UnsafePointer<Float>?
    private var pool: ShardPool!

    /// `count` environments from `make` seeded from `seed`, in `min(threads, count)` shards of
    /// near-equal size.
    init(count: Int, seed: UInt64, threads: Int, make: () -> E) {
        precondition(count >= 1 && threads >= 1, "need at least one environment and one thread, got \(count) and \(threads)")
        self.count = count
        let shards = min(threads, count)
        ranges = (0..<shards).map { s in (s * count / shards) ..< ((s + 1) * count / shards) }
        batches = .allocate(capacity: shards)
        for (s, range) in ranges.enumerated() {
            (batches + s).initialize(to: EnvironmentBatch<E>(count: range.count, seed: seed, firstIndex: range.lowerBound, make: make))
        }
        observationSize = batches[0].observationSize
        errors = .allocate(capacity: shards)
        errors.initialize(repeating: nil, count: shards)
        pool = ShardPool(count: shards) { [unowned self] s in self.stepShard(s) }
    }

    deinit {
        pool.shutdown()
        batches.deinitialize(count: ranges.count)
        batches.deallocate()
        errors.deinitialize(count: ranges.count)
        errors.deallocate()
    }

    /// Stops the pool's threads (also done on deinit).
    func shutdown() { pool.shutdown() }

    var isDiscrete: Bool { batches[0].environments[0].actionSpace.isDiscrete }

    /// Steps environment i with `actions[i]` (`count` actions).
    func step(discrete actions: UnsafePointer<Int32>) throws(EnvironmentError) {
        discreteActions = actions
        continuousActions = nil
        try runRound()
    }

    /// Steps environment i with row i of the row-major `[count × actionSize]` `actions`.
    func step(continuous actions: UnsafePointer<Float>) throws(EnvironmentError) {
        continuousActions = actions
        discreteActions = nil
        try runRound()
    }

    private func runRound() throws(EnvironmentError) {
        pool.run()
        for s in ranges.indices {
            if let error = errors[s] {
                errors[s] = nil
                throw error
            }
        }
    }

    private func stepShard(_ s: Int) {
        let first = ranges[s].lowerBound, n = ranges[s].count
        do {
            if let discreteActions {
                try batches[s].step(discrete: UnsafeBufferPointer(start: discreteActions + first, count: n))
            } else if let continuousActions {
                let width = batches[s].actionSize
                try batches[s].step(continuous: UnsafeBufferPointer(start: continuousActions + first * width, count: n * width))
            }
        } catch {
            errors[s] = error
        }
    }

    /// Calls `body(i, shard, local index)` for every environment i in order.
    @inline(__always)
    func forEach(_ body: (Int, inout EnvironmentBatch<E>, Int) -> Void) {
        for s in ranges.indices {
            let first = ranges[s].lowerBound
            for local in 0..<ranges[s].count { body(first + local, &batches[s], local) }
        }
    }
}
