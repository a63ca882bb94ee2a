import XCTest
import Foundation
import Engine

final class ArchitectureValidationTests: XCTestCase {
    /// The checked count equals the laid-out network's for every kind of architecture.
    func testCheckedCountMatchesTheLayout() throws {
        for architecture in [Architecture.seed(observationSize: 4, policy: .categorical(actions: 2)),
                             .separate(observationSize: 8, policy: .gaussian(dimensions: 2, initialLogStd: -0.5)),
                             Architecture(observationSize: 3, policy: .categorical(actions: 5), hidden: [7, 6, 5], activation: .relu,
                                          sharedTrunk: true, initialization: .orthogonal)] {
            XCTAssertEqual(try architecture.checkedParameterCount(), ActorCriticNetwork(architecture: architecture, seed: 1).parameterCount)
        }
    }

    /// Decoded architectures skip the initialiser's preconditions; building a network from one throws.
    func testInvalidDecodedArchitectureThrows() throws {
        let json = #"{"observationSize":4,"policy":{"categorical":{"actions":2}},"hidden":[4611686018427387904],"activation":"silu","sharedTrunk":true,"initialization":"pytorch"}"#
        let architecture = try JSONDecoder().decode(Architecture.self, from: Data(json.utf8))
        XCTAssertThrowsError(try ActorCriticNetwork(architecture: architecture, parameters: [0])) { error in
            XCTAssertTrue("\(error)".contains("overflows"), "\(error)")
        }
    }
}
