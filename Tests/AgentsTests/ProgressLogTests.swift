import XCTest
@testable import Agents
import Engine

final class ProgressLogTests: XCTestCase {
    let header = ProgressReport.csvHeader

    func testReadsWhatTrainingWrites() throws {
        let first = ProgressReport(seconds: 1, steps: 1000, stepsPerSecond: 1000, updates: 200, episodes: 0, mean100: nil, loss: nil)
        let second = ProgressReport(seconds: 2.5, steps: 4000, stepsPerSecond: 2000, updates: 800, episodes: 30, mean100: 21.25,
                                    loss: LossTerms(policy: 0.5, value: 1, entropy: 0.6, total: 1))
        let log = try ProgressLog(csv: [header, first.csvRow, second.csvRow, ""].joined(separator: "\n"), path: "run.csv")
        XCTAssertEqual(log.rows, [ProgressLog.Row(seconds: 1, steps: 1000, mean100: nil),
                                  ProgressLog.Row(seconds: 2.5, steps: 4000, mean100: 21.25)])
    }

    func testColumnsAreFoundByNameAndExtraColumnsAreIgnored() throws {
        let log = try ProgressLog(csv: "mean100_return,extra,steps,seconds\r\n-5,x,10,0.5\r\n", path: "run.csv")
        XCTAssertEqual(log.rows, [ProgressLog.Row(seconds: 0.5, steps: 10, mean100: -5)])
    }

    func testBadLogsNameTheFileLineAndProblem() {
        let cases: [(String, String)] = [
            ("", "run.csv, line 1: the file is empty"),
            ("seconds,steps\n1,2\n", "the header has no column \"mean100_return\""),
            (header + "\n", "the log has a header but no rows"),
            (header + "\n1,2,3\n", "run.csv, line 2: 3 fields where the header has 11"),
            (header + "\n1,100,50,20,2,9.5,,,,,\n1,abc,50,20,2,9.5,,,,,\n", "run.csv, line 3: steps is \"abc\", expected a finite number"),
            (header + "\n1,100,50,20,2,nan,,,,,\n", "mean100_return is \"nan\""),
        ]
        for (csv, message) in cases {
            XCTAssertThrowsError(try ProgressLog(csv: csv, path: "run.csv"), csv) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
    }

    func testMissingFilesAndDirectoriesAreRefused() {
        XCTAssertThrowsError(try ProgressLog(contentsOf: "/no/such/log.csv")) { error in
            XCTAssertEqual("\(error)", "cannot read the log /no/such/log.csv: no such file")
        }
        let folder = FileManager.default.temporaryDirectory.path
        XCTAssertThrowsError(try ProgressLog(contentsOf: folder)) { error in
            XCTAssertTrue("\(error)".contains("it is a directory"), "\(error)")
        }
    }
}
