import XCTest
import Agents
import Engine
@testable import Distributed

final class SyncMessageTests: XCTestCase {
    func testRequestRoundTrip() {
        let layout = SyncLayout(parameterCount: 5, statisticsSize: 2)
        let buffer = MessageBuffer(capacity: layout.requestCapacity)
        let loss = LossTerms(policy: 0.5, value: 0.25, entropy: 0.125, total: 0.75)
        layout.writeRequestHeader(SyncRequestHeader(steps: 700, updates: 140, episodeCount: 2, failureBytes: 3, loss: loss),
                                  into: buffer)
        layout.writeEpisode(0, return: 21.5, length: 22, into: buffer)
        layout.writeEpisode(1, return: -3, length: 9, into: buffer)
        let statistics = RunningMeanStd(count: 4, mean: [1, 2], variance: [0.5, 3])
        layout.writeStatistics(statistics, into: buffer, at: layout.requestStatistics)
        let count = layout.requestFailure(episodes: 2) + 3
        let header = layout.readRequestHeader(buffer, count: count)
        XCTAssertEqual(header, SyncRequestHeader(steps: 700, updates: 140, episodeCount: 2, failureBytes: 3, loss: loss))
        XCTAssertEqual(layout.readEpisode(1, from: buffer).episodeReturn, -3)
        XCTAssertEqual(layout.readEpisode(0, from: buffer).length, 22)
        XCTAssertEqual(layout.readStatistics(from: buffer, at: layout.requestStatistics), statistics)
    }

    func testMalformedRequestIsRefused() {
        let layout = SyncLayout(parameterCount: 5, statisticsSize: nil)
        let buffer = MessageBuffer(capacity: layout.requestCapacity)
        layout.writeRequestHeader(SyncRequestHeader(steps: 1, updates: 1, episodeCount: 2, failureBytes: 0, loss: nil), into: buffer)
        XCTAssertNil(layout.readRequestHeader(buffer, count: layout.requestFailure(episodes: 1)))
        XCTAssertNil(layout.readRequestHeader(buffer, count: 8))
        XCTAssertNotNil(layout.readRequestHeader(buffer, count: layout.requestFailure(episodes: 2)))
    }

    func testReplyRoundTripAndAlignment() {
        let layout = SyncLayout(parameterCount: 3, statisticsSize: 1)
        XCTAssertEqual(layout.parameterBytes % 8, 0)
        XCTAssertEqual(layout.requestEpisodes % 8, 0)
        let buffer = MessageBuffer(capacity: layout.replySize)
        layout.writeReplyHeader(SyncReplyHeader(stop: .solved, globalSteps: 12345), into: buffer)
        XCTAssertEqual(layout.readReplyHeader(buffer), SyncReplyHeader(stop: .solved, globalSteps: 12345))
        layout.writeReplyHeader(SyncReplyHeader(stop: nil, globalSteps: 1), into: buffer)
        XCTAssertNil(layout.readReplyHeader(buffer).stop)
    }

    /// The difference a rank sends, merged back into what it was taken from, gives the whole.
    func testStatisticsDifferenceInvertsMerge() {
        var first = RunningMeanStd(size: 2), second = RunningMeanStd(size: 2)
        let samples: [[Float]] = [[1, 2], [3, -1], [0.5, 4], [2, 2], [-1, 0], [7, 1]]
        for (i, x) in samples.enumerated() { x.withUnsafeBufferPointer { i < 2 ? first.add($0.baseAddress!) : second.add($0.baseAddress!) } }
        var whole = first
        whole.merge(second)
        let rest = whole.removing(first)
        XCTAssertEqual(rest.count, second.count)
        for i in 0..<2 {
            XCTAssertEqual(rest.mean[i], second.mean[i], accuracy: 1e-12)
            XCTAssertEqual(rest.variance[i], second.variance[i], accuracy: 1e-12)
        }
        XCTAssertEqual(whole.removing(whole).count, 0)
        XCTAssertEqual(whole.removing(RunningMeanStd(size: 2)), whole)
    }
}
