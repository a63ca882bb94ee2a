import Foundation
import Synchronization

/// Turns SIGINT (Ctrl-C) and SIGTERM (`kill`, `timeout`, a container stop) into one call of
/// `action` on a dispatch queue, for as long as it lives, and remembers which came first. A second
/// signal while the first is handled ends the process at once with status 2 (`exitAborted`),
/// without saving; an atomic save in progress leaves the previous file as it was.
final class SignalHandler {
    /// The status of a run aborted by a second signal.
    static let exitAborted: Int32 = 2
    private let sources: [DispatchSourceSignal]
    private let first = FirstSignal()

    init(_ action: @escaping @Sendable () -> Void) {
        var sources: [DispatchSourceSignal] = []
        let count = Counter()
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            sources.append(source)
        }
        self.sources = sources
        for (source, number) in zip(sources, [SIGINT, SIGTERM]) {
            source.setEventHandler { [first] in
                if count.increment() > 1 {
                    FileHandle.standardError.write(Data("\nsecond signal: aborting without saving\n".utf8))
                    _exit(Self.exitAborted)
                }
                first.record(number)
                let name = number == SIGINT ? "SIGINT" : "SIGTERM"
                FileHandle.standardError.write(Data("\n\(name): finishing the current updates, then saving (a second signal aborts)…\n".utf8))
                action()
            }
            source.resume()
        }
    }

    /// The first signal received (0 if none).
    var received: Int32 { first.number }

    /// The exit status of a run stopped cleanly by `received`: 128 + the signal number (130, 143).
    var exitStatus: Int32 { 128 + received }

    deinit {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

private final class FirstSignal: Sendable {
    private let value = Atomic<Int32>(0)
    func record(_ number: Int32) { value.store(number, ordering: .relaxed) }
    var number: Int32 { value.load(ordering: .relaxed) }
}

private final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func increment() -> Int { value.wrappingAdd(1, ordering: .relaxed).newValue }
}
