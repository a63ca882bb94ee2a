#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Holds A3C's worker threads between rollouts while the calling thread evaluates the shared
/// parameters (the evaluation that confirms a reached target): the model it evaluates is the one
/// training stops with, and with one worker the run stays the same bit for bit, whenever the
/// evaluation happens to finish.
///
/// Concurrency: one mutex and one condition variable guard every field. Workers call
/// `pass()` between rollouts and `leave()` when they exit; any thread may `close()`; the calling
/// thread alone calls `waitUntilHeld()` and `open()`. A closed gate holds each worker in `pass()`
/// until `open()`; `waitUntilHeld()` returns once every worker that has not left is held.
package final class WorkerGate: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private var closed = false
    private var held = 0
    private var active: Int

    /// A gate for `workers` threads, open.
    package init(workers: Int) {
        active = workers
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        precondition(pthread_mutex_init(mutex, nil) == 0 && pthread_cond_init(condition, nil) == 0,
                     "pthread_mutex_init or pthread_cond_init failed")
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deinitialize(count: 1)
        condition.deallocate()
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    private func locked<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    /// From now on workers wait in `pass()` until `open()`.
    package func close() { locked { closed = true } }

    /// A worker between rollouts: returns at once when the gate is open, else when it opens.
    package func pass() {
        locked {
            guard closed else { return }
            held += 1
            pthread_cond_broadcast(condition)
            while closed { pthread_cond_wait(condition, mutex) }
            held -= 1
        }
    }

    /// A worker that exits: it will not be waited for.
    package func leave() {
        locked {
            active -= 1
            pthread_cond_broadcast(condition)
        }
    }

    /// Blocks until every worker that has not left waits in `pass()` (at once with no workers).
    package func waitUntilHeld() {
        locked {
            while held < active { pthread_cond_wait(condition, mutex) }
        }
    }

    /// Lets the held workers go on.
    package func open() {
        locked {
            closed = false
            pthread_cond_broadcast(condition)
        }
    }
}
