import Foundation
import XCTest
import SeededRandom

/// `NumpyRandomState` against numpy's own output (`Fixtures/numpy_random_state.json`, written by
/// `Benchmarks/numpy_random_reference.py`): the raw MT19937 stream after `RandomState(seed)`, then
/// MinAtar's calls in a fixed script, every result equal.
final class NumpyRandomStateTests: XCTestCase {
    struct Reference: Decodable {
        struct Record: Decodable {
            var seed: UInt32
            var raw: [UInt32]
            var calls: [[Double]]
        }
        struct Call: Decodable {
            var name: String
            var arguments: [Int]
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                name = try container.decode(String.self)
                arguments = try container.decode([Int].self)
            }
        }
        var numpy: String
        var script: [Call]
        var rounds: Int
        var records: [Record]
    }

    func reference() throws -> Reference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/numpy_random_state.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    func testTheRawStreamIsNumpys() throws {
        let reference = try reference()
        XCTAssertEqual(reference.records.map(\.seed), [0, 1, 42, 4_294_967_295])
        for record in reference.records {
            var generator = NumpyRandomState(seed: record.seed)
            let ours = (0..<record.raw.count).map { _ in generator.nextUInt32() }
            XCTAssertEqual(ours, record.raw, "seed \(record.seed): past the first refill of the state too (700 > 624)")
        }
    }

    func testMinAtarsCallsGiveNumpysResults() throws {
        let reference = try reference()
        for record in reference.records {
            var generator = NumpyRandomState(seed: record.seed)
            var results: [[Double]] = []
            for _ in 0..<reference.rounds {
                for call in reference.script {
                    let a = call.arguments
                    switch call.name {
                    case "rand": results.append([generator.rand()])
                    case "rand_n": results.append((0..<a[0]).map { _ in generator.rand() })
                    case "randint" where a.count == 1: results.append([Double(generator.randint(a[0]))])
                    case "randint": results.append([Double(generator.randint(a[0], a[1]))])
                    case "randint_n": results.append((0..<a[2]).map { _ in Double(generator.randint(a[0], a[1])) })
                    default: XCTFail("unknown call \(call.name)")
                    }
                }
            }
            XCTAssertEqual(results, record.calls, "seed \(record.seed)")
        }
    }

    func testARangeOfOneValueDrawsNothing() {
        var a = NumpyRandomState(seed: 7), b = NumpyRandomState(seed: 7)
        XCTAssertEqual(a.randint(1), 0)
        XCTAssertEqual(a.randint(5, 6), 5)
        XCTAssertEqual(a.nextUInt32(), b.nextUInt32())
    }
}
