import Foundation
import Synchronization

/// Persistent threads that run one job over shards `1 ..< count` while the calling thread runs
/// shard 0: A2C steps its environment shards with it, once per step, so the hand-off must cost
/// far less than a Box2D step (≈ 10 µs). `run()` allocates nothing: the job is fixed at creation
/// and reads its inputs from buffers the caller fills before each round.
///
/// Concurrency: `run()` and `shutdown()` are called from one thread, the owner. A round starts
/// with a release increment of `generation` and ends when `pending` (decremented with release by
/// each worker) reaches 0, read with acquire: everything a shard's job wrote is visible to the owner
/// after `run()` returns, and everything the owner wrote before `run()` is visible to the jobs.
/// Idle workers spin, then yield, then sleep in short naps, so a paused run costs little CPU.
final class ShardPool: @unchecked Sendable {
    let count: Int
    private let job: @Sendable (Int) -> Void
    private let generation = Atomic<Int>(0)
    private let pending = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let exited = DispatchSemaphore(value: 0)

    /// `count` shards (≥ 1): `count − 1` threads start now and wait for rounds.
    init(count: Int, job: @escaping @Sendable (Int) -> Void) {
        precondition(count >= 1, "a pool needs at least one shard, got \(count)")
        self.count = count
        self.job = job
        for shard in 1..<max(count, 1) {
            let thread = Thread { [unowned self] in self.serve(shard: shard) }
            thread.name = "a2c-envs-\(shard)"
            thread.start()
        }
    }

    /// Runs the job once on every shard and returns when all are done.
    func run() {
        guard count > 1 else { job(0); return }
        pending.store(count - 1, ordering: .relaxed)
        generation.wrappingAdd(1, ordering: .releasing)
        job(0)
        var idle = IdleWait()
        while pending.load(ordering: .acquiring) > 0 { idle.wait() }
    }

    /// Stops the threads and waits until they have exited; the pool cannot run again.
    func shutdown() {
        guard count > 1, !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        for _ in 1..<count { exited.wait() }
    }

    private func serve(shard: Int) {
        var seen = 0
        while true {
            var idle = IdleWait()
            while generation.load(ordering: .acquiring) == seen {
                if stopping.load(ordering: .acquiring) { exited.signal(); return }
                idle.wait()
            }
            seen &+= 1
            job(shard)
            pending.subtract(1, ordering: .releasing)
        }
    }
}

/// How a thread waits for another's signal: spins first, through an update's worth of time (tens
/// of microseconds: yielding on a busy machine can cost a whole time slice), then yields its core,
/// then naps, so that waiting through a long pause costs almost nothing.
private struct IdleWait {
    private var rounds = 0

    mutating func wait() {
        rounds += 1
        if rounds < 50_000 { return }
        if rounds < 100_000 { sched_yield(); return }
        usleep(200)
    }
}
