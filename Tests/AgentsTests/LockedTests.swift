import XCTest
import Foundation
@testable import Agents

final class LockedTests: XCTestCase {
    /// Four threads adding to one counter lose no increment.
    func testIncrementsFromManyThreadsAreSerialised() {
        let counter = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<10_000 { counter.withLock { $0 += 1 } }
        }
        XCTAssertEqual(counter.withLock { $0 }, 40_000)
    }

    func testWithLockReturnsTheBodysResultAndRethrows() {
        struct Failure: Error {}
        let value = Locked([1, 2, 3])
        XCTAssertEqual(value.withLock { $0.reduce(0, +) }, 6)
        XCTAssertThrowsError(try value.withLock { _ in throw Failure() })
        XCTAssertEqual(value.withLock { $0 }, [1, 2, 3])
    }
}
