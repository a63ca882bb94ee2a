import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import A3CCommands
import Agents

final class LearningCurvesTests: XCTestCase {
    func log(_ path: String, _ rows: [(Double, Double, Double?)]) -> ProgressLog {
        ProgressLog(path: path, rows: rows.map { ProgressLog.Row(seconds: $0.0, steps: $0.1, mean100: $0.2) })
    }

    /// Counts the `<path>` elements of a document, or fails when it is not well-formed XML.
    func pathCount(_ document: String) throws -> Int {
        final class Counter: NSObject, XMLParserDelegate {
            var root: String?
            var paths = 0
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if root == nil { root = name }
                if name == "path" { paths += 1 }
            }
        }
        let counter = Counter()
        let parser = XMLParser(data: Data(document.utf8))
        parser.delegate = counter
        XCTAssertTrue(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        XCTAssertEqual(counter.root, "svg")
        return counter.paths
    }

    func testOnePathPerLogAgainstStepsOrSeconds() throws {
        let logs = [log("a/run.csv", [(1, 1000, nil), (2, 3000, 20), (3, 6000, 80)]),
                    log("b/run.csv", [(1, 2000, 10), (2, 5000, 200)]),
                    log("c.csv", [(0.5, 100, -3)])]
        for axis in CurveAxis.allCases {
            let document = try LearningCurves.chart(logs, axis: axis, threshold: 475, title: "CartPole-v1").svg().document
            XCTAssertEqual(try pathCount(document), 3)
            XCTAssertTrue(document.contains(axis.label))
            XCTAssertTrue(document.contains("threshold 475"))
            XCTAssertTrue(document.contains("a/run.csv") && document.contains(">c.csv<"), "equal names are told apart by path")
        }
    }

    func testALogWithoutAnyMean100IsAnError() {
        XCTAssertThrowsError(try LearningCurves.chart([log("early.csv", [(1, 10, nil)])], axis: .steps, threshold: nil, title: "")) {
            XCTAssertTrue("\($0)".contains("early.csv, line 2: no row has a mean100_return"), "\($0)")
        }
    }

    func testThresholdFromFlagEnvironmentOrFileName() throws {
        XCTAssertEqual(try LearningCurves.threshold(given: 7, envID: "CartPole-v1", paths: []), 7)
        XCTAssertEqual(try LearningCurves.threshold(given: nil, envID: "Acrobot-v1", paths: []), -100)
        XCTAssertEqual(try LearningCurves.threshold(given: nil, envID: nil, paths: ["runs/CartPole-v1.csv", "x/CartPole-v1.csv"]), 475)
        XCTAssertNil(try LearningCurves.threshold(given: nil, envID: nil, paths: ["runs/CartPole-v1.csv", "mine.csv"]))
        XCTAssertThrowsError(try LearningCurves.threshold(given: nil, envID: "CartPol-v1", paths: []))
    }
}
