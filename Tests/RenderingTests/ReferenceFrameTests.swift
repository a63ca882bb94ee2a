import XCTest
import Environments
@testable import Rendering

/// Our pictures against gymnasium 1.4.0's (`shared/fixtures/render`, read in place).
final class ReferenceFrameTests: XCTestCase {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/fixtures/render", isDirectory: true)
    }

    func check(_ index: String, count: Int) throws {
        let path = Self.directory.appendingPathComponent(index).path
        let folder = ProcessInfo.processInfo.environment["A3C_RENDER_COMPARE_DIR"]
        let results = try ReferenceFrames.check(index: path, saveTo: folder)
        XCTAssertEqual(results.count, count)
        for result in results {
            print(result.line)
            XCTAssertTrue(result.passes, result.line)
        }
    }

    func testClassicControlFramesMeetTheBar() throws {
        try check("index.json", count: 15)
    }

    func testLunarLanderFramesMeetTheBar() throws {
        try check("lunar-index.json", count: 6)
    }
}
