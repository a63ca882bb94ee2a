import XCTest
import Engine

final class ParameterLayoutTests: XCTestCase {
    func names(_ layout: ParameterLayout) -> [String] { layout.tensors.map(\.name) }

    /// A dense-only network keeps the order every earlier checkpoint has: trunk, actor, critic, log-std.
    func testDenseOnlyOffsetsAreTheEarlierLayout() throws {
        let seed = try ParameterLayout(.seed(observationSize: 4, policy: .categorical(actions: 2)))
        XCTAssertEqual(seed.tensors, [
            .init(name: "trunk.0.weight", shape: [128, 4], offset: 0), .init(name: "trunk.0.bias", shape: [128], offset: 512),
            .init(name: "actor.0.weight", shape: [2, 128], offset: 640), .init(name: "actor.0.bias", shape: [2], offset: 896),
            .init(name: "critic.0.weight", shape: [1, 128], offset: 898), .init(name: "critic.0.bias", shape: [1], offset: 1026),
        ])
        XCTAssertEqual(seed.count, 1027)
        let separate = try ParameterLayout(.separate(observationSize: 8, policy: .gaussian(dimensions: 2, initialLogStd: -0.5)))
        XCTAssertEqual(names(separate), ["actor.0.weight", "actor.0.bias", "actor.1.weight", "actor.1.bias", "actor.2.weight", "actor.2.bias",
                                         "critic.0.weight", "critic.0.bias", "critic.1.weight", "critic.1.bias", "critic.2.weight", "critic.2.bias",
                                         "log_std"])
        XCTAssertEqual(separate.tensor("log_std")?.offset, separate.count - 2)
        XCTAssertEqual(separate.count, (8 * 64 + 64 + 64 * 64 + 64) * 2 + 64 * 2 + 2 + 64 + 1 + 2)
    }

    /// MinAtar's network: 10×10×4 → conv 16 3×3 → 1024 → dense 128 → 6 logits + value.
    func testMinAtarNetworkHas132695Parameters() throws {
        let layout = try ParameterLayout(Architecture(observationSize: 400, observationShape: [10, 10, 4], policy: .categorical(actions: 6),
                                                      torso: [.conv2d(filters: 16, kernel: 3, stride: 1)], hidden: [128], activation: .relu,
                                                      sharedTrunk: true, initialization: .pytorch))
        XCTAssertEqual(layout.count, 132_695)
        XCTAssertEqual(layout.tensor("torso.0.weight")?.shape, [16, 3, 3, 4])
        XCTAssertEqual(layout.torsoShapes, [[8, 8, 16]])
        XCTAssertEqual(layout.tensor("trunk.0.weight")?.shape, [128, 1024])
    }

    func testLSTMTensorsAndState() throws {
        let layout = try ParameterLayout(Architecture(observationSize: 4, policy: .categorical(actions: 2), torso: [.lstm(units: 64)], hidden: [],
                                                      activation: .tanh, sharedTrunk: true, initialization: .orthogonal))
        XCTAssertEqual(names(layout), ["torso.0.weight_ih", "torso.0.weight_hh", "torso.0.bias_ih", "torso.0.bias_hh",
                                       "actor.0.weight", "actor.0.bias", "critic.0.weight", "critic.0.bias"])
        XCTAssertEqual(layout.tensor("torso.0.weight_hh")?.shape, [256, 64])
        XCTAssertEqual(layout.stateWidth, 128)
        XCTAssertEqual(layout.count, 256 * (4 + 64 + 2) + 2 * 64 + 2 + 64 + 1)
    }

    func testBadShapesAreRefusedWithWhatWasWrong() {
        func refused(_ torso: [TorsoLayer], shape: [Int], hidden: [Int] = [8], _ fragment: String) {
            let size = shape.reduce(1, *)
            let a = Architecture(observationSize: size, observationShape: shape, policy: .categorical(actions: 2), torso: torso, hidden: hidden,
                                 activation: .relu, sharedTrunk: true, initialization: .pytorch)
            XCTAssertThrowsError(try ParameterLayout(a)) { error in
                XCTAssertTrue("\(error)".contains(fragment), "\(error)")
            }
        }
        refused([.conv2d(filters: 4, kernel: 3, stride: 1)], shape: [8], "needs a (height, width, channels) input")
        refused([.conv2d(filters: 4, kernel: 6, stride: 1)], shape: [5, 5, 1], "does not fit")
        refused([.conv2d(filters: 4, kernel: 3, stride: 0)], shape: [5, 5, 1], "must be positive")
        refused([.dense(units: 1 << 40), .dense(units: 1 << 40)], shape: [4], "overflows")
        refused([], shape: [4], hidden: [], "hidden layers")
        var a = Architecture(observationSize: 6, policy: .categorical(actions: 2), hidden: [4], activation: .relu, sharedTrunk: true, initialization: .pytorch)
        a.observationShape = [2, 2]
        XCTAssertThrowsError(try ParameterLayout(a)) { XCTAssertTrue("\($0)".contains("does not hold 6 values"), "\($0)") }
    }

    func testTorsoSpecParsing() throws {
        XCTAssertEqual(try TorsoLayer.parseList("conv:16:3, flatten,dense:128,lstm:64,conv:8:2:2"),
                       [.conv2d(filters: 16, kernel: 3, stride: 1), .flatten, .dense(units: 128), .lstm(units: 64), .conv2d(filters: 8, kernel: 2, stride: 2)])
        XCTAssertEqual(try TorsoLayer.parseList(""), [])
        XCTAssertEqual(try TorsoLayer.parseList("conv:16:3,dense:128").map(\.description), ["conv:16:3", "dense:128"])
        for bad in ["conv:16", "dense:0", "lstm:x", "pool:2", "dense:128,", "conv:1:2:3:4"] {
            XCTAssertThrowsError(try TorsoLayer.parseList(bad), bad)
        }
    }
}
