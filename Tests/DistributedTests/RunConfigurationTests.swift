import XCTest
import Agents
@testable import Distributed

final class RunConfigurationTests: XCTestCase {
    func configuration(_ change: (inout Hyperparameters) -> Void = { _ in }, build: String = "abc",
                       options: DistributedOptions = DistributedOptions()) -> RunConfiguration {
        var h = Hyperparameters.defaults(for: "CartPole-v1")
        change(&h)
        return RunConfiguration(build: build, envID: "CartPole-v1", parameterCount: 1027, hyperparameters: h, options: options)
    }

    func testSameConfigurationHasNoDifferences() {
        let a = configuration()
        XCTAssertEqual(a.differences(from: RunConfiguration(decoding: a.encoded + [0, 0, 0])), [])
    }

    func testDifferencesNameTheItem() {
        let rank0 = configuration()
        let other = configuration({ $0.gamma = 0.5 }, build: "def", options: DistributedOptions(syncEvery: 7))
        let differences = rank0.differences(from: RunConfiguration(decoding: other.encoded))
        XCTAssertEqual(differences.count, 3, "\(differences)")
        XCTAssertTrue(differences.contains("build is def (rank 0: abc)"), "\(differences)")
        XCTAssertTrue(differences.contains("--sync-every is 7 (rank 0: 100)"), "\(differences)")
        XCTAssertTrue(differences.contains { $0.hasPrefix("hyperparameter gamma is 0.5") }, "\(differences)")
    }

    func testOptionsAreChecked() {
        XCTAssertThrowsError(try DistributedOptions(syncEvery: 0).validate())
        XCTAssertThrowsError(try DistributedOptions(rankTimeout: 0.1).validate())
        XCTAssertThrowsError(try DistributedOptions(checkpointInterval: -1).validate())
        XCTAssertNoThrow(try DistributedOptions().validate())
    }

    func testLayoutNamesRanksAndThreads() {
        let layout = DistributedLayout(hosts: ["a", "b", "b"], threads: [0, 1, 2], syncEvery: 50)
        XCTAssertEqual(layout.description,
                       "3 ranks (rank 0@a server only, rank 1@b 1 thread, rank 2@b 2 threads), sync every 50 updates")
    }
}
