// swift-tools-version:6.0
import PackageDescription

// The a3c package, two folders up, by path. SwiftPM identifies a path dependency by its folder's
// name, and `.product(name:package:)` refers to it by that identity; naming the dependency
// (`name: "a3c"`) makes the references below work whatever the checkout's folder is called.
let package = Package(
    name: "CustomEnvironment",
    dependencies: [.package(name: "a3c", path: "../..")],
    targets: [
        // The environment: depends on Environments (and the seeded generator) only.
        .target(name: "PointReach", dependencies: [
            .product(name: "Environments", package: "a3c"),
            .product(name: "SeededRandom", package: "a3c"),
        ]),
        // `reach train|eval|rollout|envs ...`: the a3c command line for PointReach-v0.
        .executableTarget(name: "reach", dependencies: ["PointReach", .product(name: "A3CCommands", package: "a3c")]),
        // `reach-demo train CKPT` trains and saves; `reach-demo deploy CKPT` loads, evaluates and acts.
        .executableTarget(name: "reach-demo", dependencies: [
            "PointReach", .product(name: "Agents", package: "a3c"), .product(name: "Environments", package: "a3c"),
        ]),
        // The README's "Train your own environment" code, verbatim (`make example` checks it; also
        // in the DocC article "Your own environment").
        .executableTarget(name: "readme-example", dependencies: [
            .product(name: "Agents", package: "a3c"), .product(name: "Environments", package: "a3c"),
        ]),
        // The DocC article "Training from code", verbatim (`make example` checks it).
        .executableTarget(name: "library-example", dependencies: [
            .product(name: "Agents", package: "a3c"), .product(name: "Environments", package: "a3c"),
        ]),
    ]
)
