import XCTest
import Environments

final class MemoryLengthTests: XCTestCase {
    /// The context shows at the first step only, the query after `length` steps, and the action
    /// then scores ±1 by whether it names the context; every other step scores 0.
    func testTheRules() throws {
        for seed: UInt64 in 0..<6 {
            for answer in [0, 1] {
                var env = try Registry.spec("MemoryLength-v0").make()
                var observation = env.reset(seed: seed)
                let context = observation[2] > 0 ? 1 : 0
                XCTAssertEqual(observation[0], 1)
                XCTAssertEqual(observation[1], 0)
                XCTAssertNotEqual(observation[2], 0)
                for step in 1...10 {
                    let (next, result) = try env.step(.discrete(step % 2))
                    XCTAssertEqual(result, StepResult(reward: 0, terminated: false))
                    XCTAssertEqual(next[2], 0, "the context is gone after the first step")
                    XCTAssertEqual(next[1], step == 10 ? 1 : 0)
                    XCTAssertEqual(next[0], Float(10 - step) / 10, accuracy: 1e-6)
                    observation = next
                }
                let (_, result) = try env.step(.discrete(answer))
                XCTAssertEqual(result, StepResult(reward: answer == context ? 1 : -1, terminated: true))
            }
        }
        var env = MemoryLength()
        _ = env.reset(seed: 1)
        XCTAssertThrowsError(try env.step(.discrete(2))) { XCTAssertTrue("\($0)".contains("expected 0 or 1"), "\($0)") }
    }
}
