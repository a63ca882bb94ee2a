import XCTest
@testable import Plotting

final class LineChartTests: XCTestCase {
    func chart(_ series: [[LineChart.Point]], threshold: Double? = 475) -> LineChart {
        LineChart(panels: [LineChart.Panel(title: "A & <B>", xLabel: "steps", yLabel: "return",
                                           series: series.enumerated().map { LineChart.Series(points: $1, colour: LineChart.palette[$0]) },
                                           threshold: threshold.map { LineChart.Threshold(value: $0, label: "threshold") })],
                  legend: [LineChart.LegendEntry(label: "run \"1\"", colour: "#000")])
    }

    func testDocumentIsWellFormedSVGWithOnePathPerSeries() throws {
        let points = (0..<50).map { LineChart.Point(x: Double($0) * 1000, y: Double($0 * $0) / 5) }
        let document = chart([points, points.map { LineChart.Point(x: $0.x, y: -$0.y) }, [points[3]]]).svg().document
        let elements = try XCTUnwrap(SVGElements.parse(document), document)
        XCTAssertEqual(elements.names.first, "svg")
        XCTAssertEqual(elements.rootNamespace, "http://www.w3.org/2000/svg")
        XCTAssertEqual(elements.count("path"), 3)
        XCTAssertTrue(document.contains("A &amp; &lt;B&gt;"))
    }

    func testEmptyConstantAndNonFiniteSeriesStillDraw() throws {
        let flat = [LineChart.Point(x: 5, y: 2), LineChart.Point(x: 5, y: 2), LineChart.Point(x: .nan, y: .infinity)]
        for series in [[], [flat], [[LineChart.Point(x: 0, y: 0)]]] {
            for threshold in [nil, 2.0] {
                let document = chart(series, threshold: threshold).svg().document
                XCTAssertNotNil(SVGElements.parse(document), document)
                XCTAssertFalse(document.contains("nan"), document)
                XCTAssertFalse(document.contains("inf"), document)
            }
        }
    }

    func testTicksAreRoundAndInside() {
        func assertClose(_ ticks: [Double], _ expected: [Double]) {
            XCTAssertEqual(ticks.count, expected.count, "\(ticks)")
            for (tick, value) in zip(ticks, expected) { XCTAssertEqual(tick, value, accuracy: 1e-9) }
        }
        assertClose(LineChart.ticks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1])
        assertClose(LineChart.ticks(-210, 510), [-200, 0, 200, 400])
        XCTAssertEqual(LineChart.ticks(3, 3), [3])
    }

    func testLabelsUseThousandsAndMillionsForLargeSteps() {
        let steps = LineChart.ticks(0, 1_200_000)
        XCTAssertEqual(steps.map { LineChart.label($0, among: steps) }, ["0", "0.2M", "0.4M", "0.6M", "0.8M", "1.0M", "1.2M"])
        let thousands = LineChart.ticks(0, 60_000)
        XCTAssertEqual(LineChart.label(20_000, among: thousands), "20k")
        let returns = LineChart.ticks(-1200, 300)
        XCTAssertEqual(LineChart.label(-1000, among: returns), "-1000")
        XCTAssertEqual(LineChart.label(475, among: []), "475")
    }

    func testLongLegendsWrapIntoRows() {
        var chart = chart([])
        chart.legend = (0..<12).map { LineChart.LegendEntry(label: "runs/LunarLanderContinuous-v3-seed-\($0).csv", colour: "#000") }
        XCTAssertGreaterThan(chart.legendRows(width: chart.panelWidth).count, 3)
        XCTAssertGreaterThan(chart.svg().height, chart.panelHeight + 3 * 22)
    }
}
