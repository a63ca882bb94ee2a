import XCTest
import Environments
@testable import Rendering

final class RasterTests: XCTestCase {
    func testAgreementCountsPixelsWithinTolerance() throws {
        let white = Raster(width: 2, height: 1)
        var other = white
        other.pixels[1] = Raster.pack(Color(255, 200, 255))
        XCTAssertEqual(try white.agreement(with: other, tolerance: 48), 0.5)
        XCTAssertEqual(try white.agreement(with: other, tolerance: 55), 1)
    }
}
