// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "a3c",
    products: [
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "Environments", targets: ["Environments"]),
        .library(name: "MuJoCoEnvironments", targets: ["MuJoCoEnvironments"]),
        .library(name: "MuJoCoRendering", targets: ["MuJoCoRendering"]),
        .library(name: "SeededRandom", targets: ["SeededRandom"]),
        .library(name: "Agents", targets: ["Agents"]),
        .library(name: "Distributed", targets: ["Distributed"]),
        .library(name: "Rendering", targets: ["Rendering"]),
        .library(name: "A3CCommands", targets: ["A3CCommands"]),
        .library(name: "Plotting", targets: ["Plotting"]),
        .library(name: "TensorBoard", targets: ["TensorBoard"]),
        .library(name: "Export", targets: ["Export"]),
        .executable(name: "a3c", targets: ["a3c"]),
        .executable(name: "a3c-bench", targets: ["a3c-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .systemLibrary(
            name: "CMPI",
            pkgConfig: "ompi-c",
            providers: [.apt(["libopenmpi-dev"])]
        ),
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CGIF",
            providers: [.apt(["libgif-dev"])]
        ),
        .target(
            name: "CBox2D",
            exclude: ["README.md"],
            linkerSettings: [.linkedLibrary("box2d")]
        ),
        .target(
            name: "CMuJoCo",
            exclude: ["README.md"],
            linkerSettings: [.linkedLibrary("mujoco")]
        ),
        .target(
            name: "CMuJoCoRender",
            dependencies: ["CMuJoCo"],
            exclude: ["README.md"],
            linkerSettings: [.linkedLibrary("EGL"), .linkedLibrary("mujoco")]
        ),
        .target(name: "CKernels", exclude: ["README.md"]),
        .target(name: "SeededRandom", exclude: ["README.md"]),
        .target(name: "FileOutput", exclude: ["README.md"]),
        .target(name: "Engine", dependencies: ["CBLAS", "CKernels", "SeededRandom"], exclude: ["README.md"]),
        .target(name: "Environments", dependencies: ["CBox2D", "SeededRandom"], exclude: ["README.md"]),
        .target(name: "MuJoCoEnvironments", dependencies: ["CMuJoCo", "Environments", "SeededRandom"], exclude: ["README.md"]),
        .target(name: "Agents", dependencies: ["Engine", "Environments", "SeededRandom", "FileOutput"], exclude: ["README.md"]),
        .target(name: "Plotting", exclude: ["README.md"]),
        .target(name: "TensorBoard", exclude: ["README.md"]),
        .target(name: "Distributed", dependencies: ["Agents", "Engine", "Environments", "CMPI"], exclude: ["README.md"]),
        .target(
            name: "Export",
            dependencies: ["Agents", "Engine", "Environments", "FileOutput", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["README.md", "ONNX/onnx-subset.proto"]
        ),
        .target(name: "Rendering", dependencies: ["CCairo", "CGIF", "Environments", "FileOutput"], exclude: ["README.md"]),
        .target(
            name: "MuJoCoRendering",
            dependencies: ["CMuJoCo", "CMuJoCoRender", "Environments", "MuJoCoEnvironments", "Rendering"],
            exclude: ["README.md"]
        ),
        .target(
            name: "A3CCommands",
            dependencies: [
                "Agents", "Engine", "Environments", "Plotting", "TensorBoard", "Distributed", "Rendering", "Export",
                "MuJoCoEnvironments", "MuJoCoRendering",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(name: "a3c", dependencies: ["A3CCommands", "MuJoCoEnvironments"]),
        .executableTarget(
            name: "a3c-bench",
            dependencies: [
                "Agents", "Engine", "Environments", "MuJoCoEnvironments", "CMuJoCo", "CBLAS", "Plotting", "Rendering", "SeededRandom",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/a3c-bench"
        ),
        .testTarget(name: "FileOutputTests", dependencies: ["FileOutput"]),
        .testTarget(name: "SeededRandomTests", dependencies: ["SeededRandom"], exclude: ["Fixtures"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "CKernels", "SeededRandom"], exclude: ["Fixtures"]),
        .testTarget(name: "EnvironmentsTests", dependencies: ["Environments"], exclude: ["Fixtures"]),
        .testTarget(name: "MuJoCoEnvironmentsTests", dependencies: ["MuJoCoEnvironments", "CMuJoCo", "Environments", "SeededRandom", "Agents"], exclude: ["Fixtures"]),
        .testTarget(name: "MuJoCoRenderingTests", dependencies: ["MuJoCoRendering", "MuJoCoEnvironments", "Rendering", "Environments"]),
        .testTarget(name: "AgentsTests", dependencies: ["Agents", "Engine", "Environments"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting"]),
        .testTarget(name: "TensorBoardTests", dependencies: ["TensorBoard"]),
        .testTarget(name: "A3CCommandsTests", dependencies: ["A3CCommands", "Agents", "Plotting", "Rendering", "Environments"]),
        .testTarget(name: "DistributedTests", dependencies: ["Distributed", "Agents"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "Environments", "CGIF"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "Agents", "Engine", "Environments"]),
        .testTarget(name: "a3cTests", dependencies: ["a3c"]),
        .testTarget(name: "CustomEnvironmentTests", dependencies: ["Agents", "Engine", "Environments"]),
    ]
)
