import Foundation
import Synchronization

/// Turns SIGINT (Ctrl-C) into a call of `action` on a dispatch queue, for as long as it lives;
/// a second Ctrl-C while the first is handled exits at once.
final class InterruptHandler {
    private let source: DispatchSourceSignal

    init(_ action: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let count = Counter()
        source.setEventHandler {
            if count.increment() > 1 { exit(130) }
            FileHandle.standardError.write(Data("\ninterrupted: finishing the current updates…\n".utf8))
            action()
        }
        source.resume()
    }

    deinit {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

private final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func increment() -> Int { value.wrappingAdd(1, ordering: .relaxed).newValue }
}
