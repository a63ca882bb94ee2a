import Environments
import Foundation
import MuJoCoEnvironments
import Rendering

/// gymnasium's pictures of MuJoCo episodes (`Benchmarks/mujoco_frames.py`) against ours: each episode is
/// replayed from the state its reset gave `set_state` with its actions (our dynamics are gymnasium's to the
/// bit), and the listed steps are drawn and compared.
///
/// The index: `{"source", "mujoco": [{"env", "seed", "initial_state", "actions", "frames": [{"step", "file"}]}]}`,
/// PNG files beside it; step 0 is the state right after the reset.
public enum MuJoCoReferenceFrames {
    /// A pixel agrees when every channel is within this of the reference's.
    public static let tolerance = 8
    /// The share of agreeing pixels each frame must reach.
    public static let bar = 0.99

    struct Index: Decodable {
        var mujoco: [Episode]
    }

    struct Episode: Decodable {
        var env: String
        var initial_state: [Double]
        var actions: [[Float]]
        var frames: [Shot]
    }

    struct Shot: Decodable {
        var step: Int
        var file: String
    }

    /// Whether the JSON file at `path` is a MuJoCo render index (it has the `mujoco` key).
    public static func isIndex(at path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["mujoco"] != nil
    }

    /// Every listed frame compared with ours; with `folder`, each comparison is written there as
    /// `<frame>.png`, ours on the left.
    public static func check(index path: String, saveTo folder: String? = nil) throws -> [FrameAgreement] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RenderingError.unreadableFile(path, reason: "no readable file there")
        }
        let index: Index
        do {
            index = try JSONDecoder().decode(Index.self, from: data)
        } catch {
            throw RenderingError.malformedFile(path, reason: "expected a MuJoCo render index with a \"mujoco\" list of episodes: \(error)")
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        var results: [FrameAgreement] = []
        for episode in index.mujoco {
            let spec = try Registry.spec(episode.env)
            func unlimited<F: EnvironmentFactory>(_ factory: F) -> any Environment { factory.makeBase() }
            guard let env = unlimited(spec.factory) as? any ReplayDrawing else {
                throw RenderingError.malformedFile(path, reason: "\(episode.env) is not a MuJoCo task")
            }
            let pictures = try env.pictures(from: episode.initial_state, actions: episode.actions, at: Set(episode.frames.map(\.step)))
            for shot in episode.frames {
                guard let ours = pictures[shot.step] else {
                    throw RenderingError.malformedFile(path, reason: "\(shot.file): step \(shot.step) is beyond the episode's \(episode.actions.count) actions")
                }
                let reference = try Raster(png: base.appendingPathComponent(shot.file).path)
                results.append(FrameAgreement(env: episode.env, frame: shot.file,
                                              agreement: try ours.agreement(with: reference, tolerance: tolerance), bar: bar))
                if let folder {
                    try ReferenceFrames.sideBySide(ours, reference).writePNG(to: URL(fileURLWithPath: folder).appendingPathComponent(shot.file).path)
                }
            }
        }
        return results
    }
}

/// A MuJoCo task replayed from a state, drawn at chosen steps.
protocol ReplayDrawing {
    func pictures(from state: [Double], actions: [[Float]], at steps: Set<Int>) throws -> [Int: Raster]
}

extension MuJoCoEnvironment: ReplayDrawing {
    func pictures(from state: [Double], actions: [[Float]], at steps: Set<Int>) throws -> [Int: Raster] {
        var env = self
        _ = try env.setState(state)
        let renderer = try MuJoCoRenderer(model: model, camera: Task.camera)
        var pictures: [Int: Raster] = [:]
        if steps.contains(0) { pictures[0] = try renderer.draw(&env) }
        for (t, action) in actions.enumerated() where steps.contains(where: { $0 > t }) {
            _ = try env.step(.continuous(action))
            if steps.contains(t + 1) { pictures[t + 1] = try renderer.draw(&env) }
        }
        return pictures
    }
}
