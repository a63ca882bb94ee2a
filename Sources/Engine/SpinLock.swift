import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A test-and-test-and-set spin lock for critical sections of about a microsecond (one shared
/// optimiser update). A contended `Mutex` puts the waiter to sleep in the kernel, which costs more
/// than the update itself; spinning does not. After `spinsBeforeYield` failed looks the waiter
/// yields its core, so an oversubscribed machine still makes progress.
final class SpinLock: Sendable {
    private let locked = Atomic<Bool>(false)
    static let spinsBeforeYield = 1000

    @inline(__always)
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        lock()
        defer { locked.store(false, ordering: .releasing) }
        return try body()
    }

    @inline(__always)
    private func lock() {
        var spins = 0
        while true {
            if !locked.load(ordering: .relaxed),
               locked.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
                return
            }
            spins += 1
            if spins >= Self.spinsBeforeYield {
                sched_yield()
                spins = 0
            }
        }
    }
}
