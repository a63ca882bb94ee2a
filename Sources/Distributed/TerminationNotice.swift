import Foundation
import Synchronization

/// Rank 0's last word when the job is ended from outside: mpirun sends SIGTERM to every rank (and
/// SIGKILL a moment later) when another rank exits or is killed, and so do SLURM and a user's
/// `kill`. While it lives, SIGTERM writes what is on disk and exits with status 143 (128 + 15);
/// there is no time to save more, and the last periodic checkpoint is whole (saves are atomic).
///
/// The handler is a plain signal handler that runs the moment the signal arrives, on whatever thread
/// the kernel picks, and only calls `write(2)`, `nanosleep(2)` and `_exit(2)` (async-signal-safe): a
/// handler on a dispatch queue could wait for a thread while mpirun's SIGKILL followed, and then say
/// nothing. Should a launcher send SIGKILL alone, the "checkpoint saved" lines printed at each
/// periodic save are the account.
/// The message is composed ahead of time, by `checkpointSaved`, into one of two buffers; an atomic
/// word names the buffer and length the handler writes. One instance at a time (a process has one
/// SIGTERM disposition); `checkpointSaved` from one thread (the serving thread).
final class TerminationNotice {
    init() {
        Self.compose("no periodic checkpoint was saved")
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            let slot = terminationSlot.load(ordering: .acquiring)
            let buffer = terminationBuffers + (slot & 1) * terminationCapacity
            var written = 0, length = slot >> 1
            while written < length {
                let n = write(STDERR_FILENO, buffer + written, length - written)
                if n <= 0 { break }
                written += n
            }
            // Stay alive a moment so that mpirun forwards the line before it sees this rank end
            // (it stops forwarding output once every rank has ended; its SIGKILL may come first).
            var pause = timespec(tv_sec: 0, tv_nsec: 300_000_000)
            nanosleep(&pause, nil)
            _exit(143)
        }
        sigemptyset(&action.sa_mask)
        sigaction(SIGTERM, &action, nil)
    }

    deinit {
        signal(SIGTERM, SIG_DFL)
    }

    /// Records the checkpoint now on disk, for the message.
    func checkpointSaved(path: String, steps: Int) {
        Self.compose("the checkpoint \(path) from step \(steps) is intact")
    }

    /// Writes the whole message for `checkpoint` into the buffer the handler is not reading, then
    /// points the handler at it.
    private static func compose(_ checkpoint: String) {
        let message = Array(("a3c: rank 0: ended by SIGTERM: mpirun sends it to every rank when one exits or is killed " +
            "(its own message names that rank); \(checkpoint)\n").utf8.prefix(terminationCapacity))
        let next = 1 - (terminationSlot.load(ordering: .relaxed) & 1)
        let buffer = terminationBuffers + next * terminationCapacity
        message.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: message.count) }
        terminationSlot.store(next | message.count << 1, ordering: .releasing)
    }
}

/// Bytes of one composed message at most (a path longer than that is cut).
private let terminationCapacity = 4096
/// Two message buffers, allocated once for the process's life: the handler may run at any moment.
private nonisolated(unsafe) let terminationBuffers = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * terminationCapacity)
/// Which buffer the handler writes (bit 0) and the message's length (the bits above).
private let terminationSlot = Atomic<Int>(0)
