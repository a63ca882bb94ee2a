#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value behind a POSIX mutex, for state that threads share and touch rarely (once per episode
/// or per update): the episode statistics, the observation statistics.
///
/// Why not `Synchronization.Mutex`: with Swift 6.3.1 on Linux, ThreadSanitizer reports data races
/// inside `Mutex.withLock` even for a ten-line program that only increments a counter from two
/// threads (with `pthread_mutex_t` or `NSLock`: none), so every A3C run drowned in false reports
/// and no real race could be found. TSan intercepts `pthread_mutex_lock`/`unlock` and knows the
/// happens-before edges they create, so this type keeps `make tsan` meaningful.
///
/// Concurrency: every access to the value goes through `withLock`; the body must not call
/// `withLock` on the same instance again (the mutex is not recursive).
public final class Locked<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed with \(status)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
