import XCTest
import Foundation

/// `a3c render` and `a3c check-render` as a user runs them.
final class RenderCommandLineTests: XCTestCase {

    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/fixtures/render", isDirectory: true)
    }

    func testCheckRenderPassesOnGymnasiumsFrames() throws {
        for index in ["index.json", "lunar-index.json"] {
            let (status, output) = try run(["check-render", Self.fixtures.appendingPathComponent(index).path])
            XCTAssertEqual(status, 0, output)
            XCTAssertTrue(output.contains("frames meet their bar"), output)
        }
        let (status, output) = try run(["check-render", "/nonexistent/index.json"])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(output.contains("cannot read \"/nonexistent/index.json\""), output)
    }

    func testRenderRecordsABaselineAndRefusesBadOutputs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-render-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let gif = folder.appendingPathComponent("lander.gif").path
        let (status, output) = try run(["render", "LunarLander-v3", "--policy", "heuristic", "--out", gif, "--seed", "3", "--every", "2"])
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("episode 1 (seed 3): return "), output)
        XCTAssertTrue(output.contains("wrote \(gif): LunarLander-v3"), output)

        let bad = try run(["render", "LunarLander-v3", "--out", folder.appendingPathComponent("lander.webp").path])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.output.contains("unsupported extension; expected one of .png, .gif"), bad.output)
        XCTAssertFalse(bad.output.contains("episode 1"), bad.output)
    }
}
