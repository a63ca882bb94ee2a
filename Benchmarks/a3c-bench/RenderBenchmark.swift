import ArgumentParser
import Environments
import Foundation
import Rendering
import SeededRandom

/// `a3c-bench render`: frames per second rasterised (Cairo) and encoded (GIF, PNG) on one
/// thread, for CartPole-v1 and LunarLander-v3, with the GIF's size per 1000 frames.
struct RenderBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Frames/s rasterised and encoded (GIF, PNG) on one thread, CartPole-v1 and LunarLander-v3."
    )

    @OptionGroup var common: CommonOptions

    static let defaultFrames = Preset(full: 1000, quick: 50)

    @Option(help: "Frames per environment (\(defaultFrames.help)).")
    var frames: Int?

    struct Result: Codable {
        var id: String
        var policy: String
        var frames: Int
        /// Cairo only: shapes to pixels.
        var rasterisedPerSecond: Double
        /// Rasterising and adding to a GIF, file closed.
        var gifPerSecond: Double
        /// Rasterising and writing a PNG file each.
        var pngPerSecond: Double
        var gifBytesPer1000Frames: Double
    }

    func validate() throws {
        if let frames, frames < 2 { throw ValidationError("--frames must be at least 2, got \(frames)") }
    }

    func run() throws {
        let results = try Self.report(frames: frames ?? Self.defaultFrames.value(quick: common.quick))
        try Report.writeJSON(section: "render", results, to: common.json)
    }

    /// Measures both environments, prints the table and returns the figures.
    static func report(frames: Int) throws -> [Result] {
        var cartPole = CartPole()
        var lander = LunarLander()
        let results = [try measure(&cartPole, policy: "random", frames: frames),
                       try measure(&lander, policy: "heuristic", frames: frames)]
        let rows = results.map {
            ["\($0.id) (\($0.policy))", "\($0.frames)", Report.compact($0.rasterisedPerSecond), Report.compact($0.gifPerSecond),
             Report.compact($0.pngPerSecond), ($0.gifBytesPer1000Frames / 1e6).formatted(2)]
        }
        print(Report.tableSection("render — frames/s on one thread",
                                  ["environment (policy)", "frames", "rasterised/s", "rasterised + GIF/s", "rasterised + PNG file/s",
                                   "GIF MB per 1000 frames"], rows))
        return results
    }

    /// The frames of seeded episodes (exhaust particles on), collected before any timing.
    static func episodeFrames<E: RenderableEnvironment>(_ env: inout E, policy: String, count: Int) throws -> [Frame] {
        env.prepareForRendering()
        var generator = Xoshiro256(seed: 1)
        var observation = [Float](repeating: 0, count: env.observationSpace.size)
        var frames: [Frame] = []
        var seed: UInt64 = 0
        var done = true
        while frames.count < count {
            if done {
                observation.withUnsafeMutableBufferPointer { env.reset(seed: seed, observation: $0) }
                seed += 1
                frames.append(env.frame())
                done = false
                continue
            }
            let action = policy == "heuristic"
                ? observation.withUnsafeBufferPointer { LunarLanderHeuristic.discreteAction(observation: $0) }
                : generator.nextInt(below: 2)
            let result = try observation.withUnsafeMutableBufferPointer { (o) throws(EnvironmentError) in
                try env.step(discrete: action, observation: o)
            }
            done = result.done
            frames.append(env.frame())
        }
        return frames
    }

    static func measure<E: RenderableEnvironment>(_ env: inout E, policy: String, frames count: Int) throws -> Result {
        Report.progress("render: \(env.id)")
        let frames = try episodeFrames(&env, policy: policy, count: count)
        let rasterizer = try Rasterizer(width: frames[0].width, height: frames[0].height)
        var raster = Raster(width: rasterizer.width, height: rasterizer.height)

        var start = Report.now()
        for frame in frames { try rasterizer.render(frame, into: &raster) }
        let rasterised = Double(count) / Report.seconds(since: start)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-bench-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let gifPath = folder.appendingPathComponent("run.gif").path
        start = Report.now()
        let gif = try GIFWriter(path: gifPath, width: rasterizer.width, height: rasterizer.height)
        for frame in frames {
            try rasterizer.render(frame, into: &raster)
            try gif.add(raster, delay: 2)
        }
        try gif.finish()
        let gifRate = Double(count) / Report.seconds(since: start)
        let bytes = (try FileManager.default.attributesOfItem(atPath: gifPath)[.size] as? Int) ?? 0

        let pngCount = min(count, 200)
        let pngPath = folder.appendingPathComponent("frame.png").path
        start = Report.now()
        for frame in frames.prefix(pngCount) {
            try rasterizer.render(frame, into: &raster)
            try raster.writePNG(to: pngPath)
        }
        let pngRate = Double(pngCount) / Report.seconds(since: start)
        return Result(id: env.id, policy: policy, frames: count, rasterisedPerSecond: rasterised, gifPerSecond: gifRate,
                      pngPerSecond: pngRate, gifBytesPer1000Frames: Double(bytes) * 1000 / Double(count))
    }
}
