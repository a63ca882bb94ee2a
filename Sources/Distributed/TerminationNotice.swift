import Foundation
import Synchronization

/// Rank 0's last word when the job is ended from outside: mpirun sends SIGTERM to every rank (and
/// SIGKILL a moment later) when another rank exits or is killed, and so do SLURM and a user's
/// `kill`. While it lives, SIGTERM prints what is on disk and exits with status 143 (128 + 15);
/// there is no time to save more, and the last periodic checkpoint is whole (saves are atomic).
///
/// Concurrency: `checkpointSaved` may be called from any thread; the handler runs on a dispatch queue.
final class TerminationNotice {
    private let lastCheckpoint = Note()
    private let source: any DispatchSourceSignal

    /// The text the handler prints, set from the serving thread.
    private final class Note: Sendable {
        let text = Mutex<String?>(nil)
    }

    init() {
        signal(SIGTERM, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
        let lastCheckpoint = self.lastCheckpoint
        source.setEventHandler {
            let checkpoint = lastCheckpoint.text.withLock { $0 } ?? "no periodic checkpoint was saved"
            let message = "a3c: rank 0: ended by SIGTERM: mpirun sends it to every rank when one exits or is killed " +
                "(its own message names that rank); \(checkpoint)\n"
            FileHandle.standardError.write(Data(message.utf8))
            _exit(143)
        }
        source.resume()
    }

    deinit {
        source.cancel()
        signal(SIGTERM, SIG_DFL)
    }

    /// Records the checkpoint now on disk, for the message.
    func checkpointSaved(path: String, steps: Int) {
        lastCheckpoint.text.withLock { $0 = "the checkpoint \(path) from step \(steps) is intact" }
    }
}
