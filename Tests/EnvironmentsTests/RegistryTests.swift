import Environments
import XCTest

final class RegistryTests: XCTestCase {
    func testClassicControlSpecsMatchGymnasium() throws {
        let expected: [(String, Int, Double?, Int, ActionSpace)] = [
            ("CartPole-v1", 500, 475, 4, .discrete(2)),
            ("Acrobot-v1", 500, -100, 6, .discrete(3)),
            ("MountainCar-v0", 200, -110, 2, .discrete(3)),
            ("MountainCarContinuous-v0", 999, 90, 2, .box(BoxSpace(low: [-1], high: [1]))),
            ("Pendulum-v1", 200, nil, 3, .box(BoxSpace(low: [-2], high: [2]))),
        ]
        for (id, limit, threshold, observationSize, actionSpace) in expected {
            let spec = try Registry.spec(id)
            XCTAssertEqual(spec.maxEpisodeSteps, limit, id)
            XCTAssertEqual(spec.rewardThreshold, threshold, id)
            let environment = spec.make()
            XCTAssertEqual(environment.id, id)
            XCTAssertEqual(environment.observationSpace.size, observationSize, id)
            XCTAssertEqual(environment.actionSpace, actionSpace, id)
        }
    }

    func testUnknownIDListsKnownIDsAndTheClosest() {
        XCTAssertThrowsError(try Registry.spec("CartPol-v1")) { error in
            guard case let .unknownID(id, known, closest)? = error as? EnvironmentError else { return XCTFail("\(error)") }
            XCTAssertEqual(id, "CartPol-v1")
            XCTAssertEqual(closest, "CartPole-v1")
            for id in Fixtures.ids { XCTAssertTrue(known.contains(id), id) }
            let message = "\(error)"
            XCTAssertTrue(message.contains("Did you mean \"CartPole-v1\""), message)
            XCTAssertTrue(message.contains("Pendulum-v1"), message)
        }
    }

    func testTheTablePrintsUnboundedLimitsAsGymnasiumDoes() {
        let table = Registry.environmentTable()
        let cartPole = table.split(separator: "\n").first { $0.hasPrefix("| CartPole-v1 |") }
        XCTAssertEqual(cartPole.map(String.init),
                       "| CartPole-v1 | Box([-4.8, -inf, -0.41887903, -inf], [4.8, inf, 0.41887903, inf], shape: (4,)) | Discrete(2) | 500 | 475.0 |")
        XCTAssertFalse(table.contains("e+38"), table)
    }

    func testSharedBoundsPrintOnceEvenForOneComponent() {
        XCTAssertEqual("\(BoxSpace(low: [-3], high: [3]))", "Box(-3.0, 3.0, shape: (1,))")
        XCTAssertEqual("\(BoxSpace(low: [0, 0, 0, 0], high: [1, 1, 1, 1], shape: [2, 2]))", "Box(0.0, 1.0, shape: (2, 2))")
        XCTAssertEqual("\(BoxSpace(low: [-1, -2], high: [1, 2]))", "Box([-1.0, -2.0], [1.0, 2.0], shape: (2,))")
    }
}
