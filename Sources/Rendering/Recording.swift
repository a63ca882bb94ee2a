import Environments
import Foundation

/// How to record episodes into a picture file.
public struct RecordingOptions: Sendable, Equatable {
    /// Episodes to run; episode k is reset with seed `seed + k`.
    public var episodes = 1
    public var seed: UInt64 = 0
    /// Keep every K-th state of an episode (its first and last are always kept).
    public var every = 1
    /// Cut an episode after this many steps; `nil` runs it to its end.
    public var maxSteps: Int?
    /// For a PNG: the recorded frame to write (0 is the first); `nil` writes the last.
    public var frame: Int?
    /// How long a GIF holds the last frame of each episode, in hundredths of a second.
    public var endPause = 100

    public init(episodes: Int = 1, seed: UInt64 = 0, every: Int = 1, maxSteps: Int? = nil, frame: Int? = nil) {
        self.episodes = episodes
        self.seed = seed
        self.every = every
        self.maxSteps = maxSteps
        self.frame = frame
    }

    /// Throws with the accepted ranges unless every option makes sense.
    public func validate() throws(RenderingError) {
        guard episodes >= 1 else { throw .invalidArgument("--episodes must be at least 1, got \(episodes)") }
        guard every >= 1 else { throw .invalidArgument("--every must be at least 1, got \(every)") }
        if let maxSteps, maxSteps < 1 { throw .invalidArgument("--max-steps must be at least 1, got \(maxSteps)") }
        if let frame, frame < 0 { throw .invalidArgument("--frame must be 0 or more, got \(frame)") }
    }
}

/// What a recording ran and wrote.
public struct RecordingSummary: Sendable, Equatable {
    public struct Episode: Sendable, Equatable {
        public var seed: UInt64
        public var totalReward: Double
        public var length: Int
        /// Whether it ended by itself (terminated or truncated) rather than by `maxSteps`.
        public var ended: Bool
    }

    public var envID: String
    public var episodes: [Episode]
    /// Frames recorded (a PNG writes one of them).
    public var frames: Int
    /// Images in the file: 1 for a PNG; for a GIF the frames less those that repeated the picture
    /// before them (their time is added to it).
    public var images: Int
    public var path: String
    public var format: PictureFormat
    /// Size of the written file in bytes.
    public var bytes: Int
}

/// Writes actions for observations: the action buffer holds the action space's size (one value,
/// the index, for a discrete space).
public typealias ActionChooser = (_ observation: UnsafeBufferPointer<Float>, _ action: UnsafeMutableBufferPointer<Float>) throws -> Void

/// Records episodes of an environment driven by an `ActionChooser` into a GIF (every kept frame)
/// or a PNG (one frame).
public enum Recording {
    /// Runs `options.episodes` episodes of `env` and writes the file at `path` (`.gif` or `.png`).
    /// The path, its extension and the options are checked before the first episode.
    /// `startingEpisode` runs after each reset, for choosers that keep state within an episode.
    public static func record<E: RenderableEnvironment>(_ env: inout E, to path: String, options: RecordingOptions,
                                                        startingEpisode: () -> Void = {},
                                                        act: ActionChooser) throws -> RecordingSummary {
        let format = try PictureFormat.checkedOutput(path)
        try options.validate()
        env.prepareForRendering()
        var rasterizer: Rasterizer?
        var raster: Raster?  // reused: each frame is drawn into the last one's pixels
        return try record(&env, to: path, format: format, options: options, framesPerSecond: env.framesPerSecond,
                          startingEpisode: startingEpisode, act: act) { env in
            let frame = env.frame()
            if rasterizer == nil {
                rasterizer = try Rasterizer(width: frame.width, height: frame.height)
                raster = Raster(width: frame.width, height: frame.height)
            }
            try rasterizer!.render(frame, into: &raster!)
            return raster!
        }
    }

    /// Records an environment that paints its own pixels (`PaintingEnvironment`, e.g. MuJoCo's renderer).
    public static func record<E: PaintingEnvironment>(_ env: inout E, to path: String, options: RecordingOptions,
                                                      startingEpisode: () -> Void = {},
                                                      act: ActionChooser) throws -> RecordingSummary {
        let format = try PictureFormat.checkedOutput(path)
        try options.validate()
        let painter = try env.makePainter()
        return try record(&env, to: path, format: format, options: options, framesPerSecond: env.framesPerSecond,
                          startingEpisode: startingEpisode, act: act, picture: painter)
    }

    /// The episodes, with `picture` drawing the environment's current state whenever a kept frame is written:
    /// every one into a GIF; into a PNG only the chosen one (`options.frame`, else the recording's last).
    static func record<E: Environment>(_ env: inout E, to path: String, format: PictureFormat, options: RecordingOptions,
                                       framesPerSecond: Int, startingEpisode: () -> Void, act: ActionChooser,
                                       picture: (inout E) throws -> Raster) throws -> RecordingSummary {
        var observation = [Float](repeating: 0, count: env.observationSpace.size)
        let discrete = env.actionSpace.isDiscrete
        var action = [Float](repeating: 0, count: discrete ? 1 : env.actionSpace.size)

        observation.withUnsafeMutableBufferPointer { env.reset(seed: options.seed, observation: $0) }
        startingEpisode()
        var gif: GIFWriter?
        var chosen: Raster?
        var frames = 0
        /// Centiseconds of animation written so far, and the frame rate's time per kept state.
        var clock = 0.0, written = 0
        let stepTime = 100 / Double(max(framesPerSecond, 1))

        /// Keeps the picture of the current state, shown for `holding` centiseconds; `final`: the recording's last.
        func keep(holding: Double, final: Bool) throws {
            if format == .gif {
                let raster = try picture(&env)
                if gif == nil { gif = try GIFWriter(path: path, width: raster.width, height: raster.height) }
                clock += holding
                let delay = Int(clock.rounded()) - written
                written += delay
                try gif!.add(raster, delay: delay)
            } else if options.frame.map({ $0 == frames }) ?? final {
                chosen = try picture(&env)
            }
            frames += 1
        }

        var episodes: [RecordingSummary.Episode] = []
        for k in 0..<options.episodes {
            let seed = options.seed &+ UInt64(k)
            if k > 0 {
                observation.withUnsafeMutableBufferPointer { env.reset(seed: seed, observation: $0) }
                startingEpisode()
            }
            var total = 0.0, steps = 0, ended = false
            var pendingTime = 0.0
            while true {
                let last = ended || options.maxSteps.map { steps >= $0 } == true
                if steps % options.every == 0 || last {
                    try keep(holding: last ? pendingTime + stepTime + Double(options.endPause) : pendingTime + stepTime,
                             final: last && k == options.episodes - 1)
                    pendingTime = 0
                } else {
                    pendingTime += stepTime
                }
                if last { break }
                try observation.withUnsafeBufferPointer { obs in try action.withUnsafeMutableBufferPointer { try act(obs, $0) } }
                let result = try observation.withUnsafeMutableBufferPointer { (obs) throws(EnvironmentError) -> StepResult in
                    if discrete {
                        return try env.step(discrete: Int(action[0]), observation: obs)
                    }
                    return try action.withUnsafeBufferPointer { (a) throws(EnvironmentError) in try env.step(continuous: a, observation: obs) }
                }
                total += result.reward
                steps += 1
                ended = result.done
            }
            episodes.append(.init(seed: seed, totalReward: total, length: steps, ended: ended))
        }

        if let gif {
            try gif.finish()
        } else {
            guard let chosen else {
                throw RenderingError.invalidArgument("--frame \(options.frame ?? 0) was not reached: the recording has \(frames) frames (0...\(frames - 1))")
            }
            try chosen.writePNG(to: path)
        }
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        return RecordingSummary(envID: env.id, episodes: episodes, frames: frames, images: gif?.frameCount ?? 1,
                                path: path, format: format, bytes: bytes)
    }
}
