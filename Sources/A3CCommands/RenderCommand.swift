import ArgumentParser
import Environments
import Foundation
import MuJoCoRendering
import Rendering

/// `a3c render CHECKPOINT|ENV --out run.gif|frame.png`: records a trained agent or a baseline.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Record episodes of a trained agent or a baseline policy as an animated GIF or one PNG frame.",
        discussion: """
            Pictures are gymnasium's (same size, colours and geometry). The output path, its extension \
            and the checkpoint's fit to its environment are checked before any episode runs.
            """
    )

    @Argument(help: "A checkpoint written by `a3c train --save`, or a registered environment id such as LunarLander-v3.")
    var source: String

    @Option(help: "Output file: .gif (every kept frame, animated) or .png (one frame).")
    var out: String

    @Option(help: "For an environment id: random (every environment) or heuristic (LunarLander variants). Default random.")
    var policy: BaselinePolicy?

    @Option(help: "Number of episodes; episode k is reset with seed S + k.")
    var episodes: Int = 1

    @Flag(help: "A trained agent takes its most probable action (or the Gaussian mean) instead of sampling.")
    var deterministic = false

    @Option(help: "Seed of the first episode's reset and of action sampling.")
    var seed: UInt64 = 0

    @Option(help: "Keep every K-th frame of an episode (its first and last are always kept).")
    var every: Int = 1

    @Option(help: "Cut each episode after M steps.")
    var maxSteps: Int?

    @Option(help: "For a .png: the frame to write, 0 for the first (default the last).")
    var frame: Int?

    func run() throws {
        let options = RecordingOptions(episodes: episodes, seed: seed, every: every, maxSteps: maxSteps, frame: frame)
        let summary = try RenderJob.run(RenderRequest(source: source, policy: policy, output: out,
                                                      deterministic: deterministic, options: options))
        for (k, episode) in summary.episodes.enumerated() {
            let ending = episode.ended ? "" : " (cut at --max-steps)"
            print(String(format: "episode %d (seed %llu): return %.2f, length %d", k + 1, episode.seed, episode.totalReward, episode.length) + ending)
        }
        let size = String(format: "%.1f kB", Double(summary.bytes) / 1000)
        switch summary.format {
        case .gif:
            print("wrote \(summary.path): \(summary.envID), \(summary.frames) frames (\(summary.images) images), \(size)")
        case .png:
            let index = frame ?? summary.frames - 1
            print("wrote \(summary.path): \(summary.envID), frame \(index) of 0...\(summary.frames - 1), \(size)")
        }
    }
}

/// `a3c check-render INDEX.json`: our pictures of gymnasium's reference states against its frames.
struct CheckRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-render",
        abstract: "Compare our pictures with gymnasium's reference frames.",
        discussion: """
            Renders every state the index lists and prints the share of pixels within 48 of the reference \
            in every channel. Exits with status 1 when a frame is below its bar (98 % classic control, \
            97 % LunarLander and BipedalWalker). A MuJoCo index (Benchmarks/mujoco_frames.py) is replayed \
            and drawn by MuJoCo's renderer: 99 % of pixels within 8.
            """
    )

    @Argument(help: "A render index, e.g. ../shared/fixtures/render/index.json or lunar-index.json.")
    var index: String

    @Option(help: "A folder to write each comparison into as <frame>.png: ours on the left, gymnasium's on the right.")
    var saveComparisons: String?

    func run() throws {
        if let folder = saveComparisons {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("--save-comparisons \(folder): no such folder")
            }
        }
        let results = MuJoCoReferenceFrames.isIndex(at: index)
            ? try MuJoCoReferenceFrames.check(index: index, saveTo: saveComparisons)
            : try ReferenceFrames.check(index: index, saveTo: saveComparisons)
        for result in results { print(result.line) }
        let failed = results.filter { !$0.passes }.count
        print(failed == 0 ? "all \(results.count) frames meet their bar" : "\(failed) of \(results.count) frames are below their bar")
        if failed > 0 { throw ExitCode.failure }
    }
}
