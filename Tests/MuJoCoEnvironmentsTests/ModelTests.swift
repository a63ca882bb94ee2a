import CMuJoCo
import Environments
@testable import MuJoCoEnvironments
import XCTest

/// The compiled models' facts as mujoco 2.2.2 gives them for gymnasium's XML files.
final class ModelTests: XCTestCase {
    struct Facts {
        let file: ModelFile
        let nq, nv, nu: Int
        let timestep: Double
        let mass: Double
    }

    static let facts: [Facts] = [
        Facts(file: .invertedPendulum, nq: 2, nv: 2, nu: 1, timestep: 0.02, mass: 15.490567),
        Facts(file: .invertedDoublePendulum, nq: 3, nv: 3, nu: 1, timestep: 0.01, mass: 18.869453),
        Facts(file: .reacher, nq: 4, nv: 4, nu: 2, timestep: 0.01, mass: 0.078452),
        Facts(file: .swimmer, nq: 5, nv: 5, nu: 2, timestep: 0.01, mass: 106.814150),
        Facts(file: .hopper, nq: 6, nv: 6, nu: 3, timestep: 0.002, mass: 15.820013),
        Facts(file: .halfCheetah, nq: 9, nv: 9, nu: 6, timestep: 0.01, mass: 14),
        Facts(file: .walker2d, nq: 9, nv: 9, nu: 6, timestep: 0.002, mass: 23.677137),
        Facts(file: .ant, nq: 15, nv: 14, nu: 8, timestep: 0.01, mass: 0.910880),
    ]

    func testTheLinkedLibraryIsMuJoCo222() {
        XCTAssertEqual(MuJoCoLibrary.version, 222)
        XCTAssertNoThrow(try MuJoCoLibrary.checkVersion())
    }

    func testEveryModelCompilesWithGymnasiumsFacts() throws {
        for facts in Self.facts {
            let model = try MuJoCoModel(facts.file)
            XCTAssertEqual(model.positionCount, facts.nq, facts.file.name)
            XCTAssertEqual(model.velocityCount, facts.nv, facts.file.name)
            XCTAssertEqual(model.actuatorCount, facts.nu, facts.file.name)
            XCTAssertEqual(model.timestep, facts.timestep, facts.file.name)
            XCTAssertEqual(model.totalMass, facts.mass, accuracy: 1e-6, facts.file.name)
        }
    }

    func testSpacesMatchGymnasiums() throws {
        func check<Task: MuJoCoTask>(_: Task.Type, observation: Int, actions: Int, bound: Float) throws {
            let env = try MuJoCoEnvironment<Task>()
            XCTAssertEqual(env.observationSpace.shape, [observation], Task.id)
            XCTAssertEqual(env.actionSpace, .box(BoxSpace(low: [Float](repeating: -bound, count: actions),
                                                          high: [Float](repeating: bound, count: actions))), Task.id)
        }
        try check(InvertedPendulumTask.self, observation: 4, actions: 1, bound: 3)
        try check(InvertedDoublePendulumTask.self, observation: 11, actions: 1, bound: 1)
        try check(ReacherTask.self, observation: 11, actions: 2, bound: 1)
        try check(SwimmerTask.self, observation: 8, actions: 2, bound: 1)
        try check(HopperTask.self, observation: 11, actions: 3, bound: 1)
        try check(HalfCheetahTask.self, observation: 17, actions: 6, bound: 1)
        try check(Walker2dTask.self, observation: 17, actions: 6, bound: 1)
        try check(AntTask.self, observation: 27, actions: 8, bound: 1)
    }

    func testRegistryHasGymnasiumsLimitsAndThresholds() throws {
        try MuJoCoTasks.register()
        try MuJoCoTasks.register()  // a second call registers nothing twice
        let expected: [(String, Int, Double?)] = [
            ("InvertedPendulum-v4", 1000, 950), ("InvertedDoublePendulum-v4", 1000, 9100), ("Reacher-v4", 50, -3.75),
            ("Swimmer-v4", 1000, 360), ("Hopper-v4", 1000, 3800), ("HalfCheetah-v4", 1000, 4800),
            ("Walker2d-v4", 1000, nil), ("Ant-v4", 1000, 6000),
        ]
        for (id, limit, threshold) in expected {
            let spec = try Registry.spec(id)
            XCTAssertEqual(spec.maxEpisodeSteps, limit, id)
            XCTAssertEqual(spec.rewardThreshold, threshold, id)
            XCTAssertEqual(Registry.ids.filter { $0 == id }.count, 1, id)
        }
    }

    /// numpy 1.26's `np.sum(np.square(a))` of float32 arrays (sums printed by numpy): sequential below 8
    /// values, eight running sums from 8 on (a sequential sum differs in the last two).
    func testControlSumIsNumpys() {
        let cases: [([Float], UInt32)] = [
            ([-8.473834037780762, 0.005598376039415598, -123.18153381347656], 0x466e_35fc),
            ([-3.472619573585689e-05, 22.740694046020508, 9.024967193603516, -0.30248725414276123, -0.004469705745577812,
              -0.10698820650577545, 0.9158274531364441, -0.6408461928367615], 0x4415_fc42),
            ([-434.560546875, 8.419870376586914, -1.333156704902649, -16.248554229736328, 9.724462509155273,
              0.5871400237083435, -0.3133898079395294, -0.0003993218415416777, 0.07910288125276566, 0.24651165306568146,
              0.0003139446198474616, -0.04817284643650055, -0.018960189074277878, 334.52154541015625, -0.12099737673997879,
              56.347103118896484, 0.0369257852435112], 0x4894_9c4a),
        ]
        for (values, bits) in cases {
            XCTAssertEqual(values.withUnsafeBufferPointer(numpySumOfSquares).bitPattern, bits, "\(values.count) values")
        }
    }
}
