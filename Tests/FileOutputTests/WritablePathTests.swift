import XCTest
import Foundation
import FileOutput

final class WritablePathTests: XCTestCase {
    func testFoldersMissingFoldersAndUnwritableFoldersAreRefusedWithTheReason() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-writable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }

        XCTAssertNil(WritablePath.problem(folder.appendingPathComponent("new.json").path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "the probe is removed")
        XCTAssertEqual(WritablePath.problem(folder.path).map { $0.hasPrefix("it is a directory; give a file name") }, true)
        XCTAssertEqual(WritablePath.problem("/no/such/folder/model.json"), "the folder /no/such/folder does not exist")

        // A folder where not even root creates files.
        XCTAssertEqual(WritablePath.problem("/proc/model.json"), "cannot create files in /proc")
    }
}
