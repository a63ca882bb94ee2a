import Agents
import Engine

/// The two messages of a sync, as flat bytes (the same build on every rank, so native layout).
///
/// Request, a worker rank → rank 0 (tag 1): its steps, updates and episodes since the last sync,
/// its latest loss, the change of its parameters (and observation statistics) since it last
/// adopted rank 0's, and an error text if its workers failed.
/// Reply, rank 0 → the worker rank (tag 2): continue or stop (and why), the run's global step
/// count, the global parameters (and statistics).
struct SyncLayout: Equatable {
    static let requestTag: Int32 = 1
    static let replyTag: Int32 = 2
    /// Episodes one request carries at most; more wait for the next sync.
    static let maxEpisodes = 4096
    /// Bytes of a failure text at most.
    static let maxFailureBytes = 1024

    let parameterCount: Int
    /// Observation width when observation statistics are exchanged, else nil.
    let statisticsSize: Int?

    /// Bytes of the statistics block: count, mean and variance, in Double.
    var statisticsBytes: Int { statisticsSize.map { 8 * (1 + 2 * $0) } ?? 0 }
    /// Parameters padded to 8 bytes, so that what follows stays aligned.
    var parameterBytes: Int { (parameterCount * 4 + 7) / 8 * 8 }

    static let requestHeader = 56
    var requestStatistics: Int { Self.requestHeader }
    var requestParameters: Int { requestStatistics + statisticsBytes }
    var requestEpisodes: Int { requestParameters + parameterBytes }
    func requestFailure(episodes: Int) -> Int { requestEpisodes + 16 * episodes }
    var requestCapacity: Int { requestFailure(episodes: Self.maxEpisodes) + Self.maxFailureBytes }

    static let replyHeader = 32
    var replyStatistics: Int { Self.replyHeader }
    var replyParameters: Int { replyStatistics + statisticsBytes }
    var replySize: Int { replyParameters + parameterBytes }
}

/// What a request says besides the parameter change (read by rank 0 after receiving one).
struct SyncRequestHeader: Equatable {
    var steps: Int
    var updates: Int
    var episodeCount: Int
    var failureBytes: Int
    var loss: LossTerms?
}

/// What a reply says besides the parameters.
struct SyncReplyHeader: Equatable {
    var stop: StopReason?
    var globalSteps: Int
}

/// A byte buffer, 16-byte aligned, owned by one runner and reused for every message.
final class MessageBuffer {
    let capacity: Int
    let bytes: UnsafeMutableRawPointer

    init(capacity: Int) {
        self.capacity = capacity
        bytes = .allocate(byteCount: max(capacity, 16), alignment: 16)
        bytes.initializeMemory(as: UInt8.self, repeating: 0, count: max(capacity, 16))
    }

    deinit { bytes.deallocate() }

    func floats(at offset: Int) -> UnsafeMutablePointer<Float> { (bytes + offset).assumingMemoryBound(to: Float.self) }
    func doubles(at offset: Int) -> UnsafeMutablePointer<Double> { (bytes + offset).assumingMemoryBound(to: Double.self) }
    func int(at offset: Int) -> Int { Int(bytes.load(fromByteOffset: offset, as: Int64.self)) }
    func setInt(_ value: Int, at offset: Int) { bytes.storeBytes(of: Int64(value), toByteOffset: offset, as: Int64.self) }
}

extension StopReason {
    /// The code a reply carries (0: go on).
    var code: Int {
        switch self {
        case .solved: 1
        case .maxSteps: 2
        case .maxSeconds: 3
        case .interrupted: 4
        case .failed: 5
        }
    }

    init?(code: Int) {
        switch code {
        case 1: self = .solved
        case 2: self = .maxSteps
        case 3: self = .maxSeconds
        case 4: self = .interrupted
        case 5: self = .failed
        default: return nil
        }
    }
}

extension SyncLayout {
    func writeRequestHeader(_ header: SyncRequestHeader, into buffer: MessageBuffer) {
        buffer.setInt(header.steps, at: 0)
        buffer.setInt(header.updates, at: 8)
        buffer.setInt(header.episodeCount, at: 16)
        buffer.setInt(header.failureBytes, at: 24)
        buffer.setInt(header.loss == nil ? 0 : 1, at: 32)
        let loss = buffer.floats(at: 40)
        loss[0] = header.loss?.policy ?? 0
        loss[1] = header.loss?.value ?? 0
        loss[2] = header.loss?.entropy ?? 0
        loss[3] = header.loss?.total ?? 0
    }

    /// The header of a received request of `count` bytes; nil when its sizes do not add up.
    func readRequestHeader(_ buffer: MessageBuffer, count: Int) -> SyncRequestHeader? {
        guard count >= requestEpisodes else { return nil }
        let episodes = buffer.int(at: 16), failure = buffer.int(at: 24)
        guard (0...Self.maxEpisodes).contains(episodes), (0...Self.maxFailureBytes).contains(failure),
              requestFailure(episodes: episodes) + failure == count else { return nil }
        let loss = buffer.floats(at: 40)
        return SyncRequestHeader(steps: buffer.int(at: 0), updates: buffer.int(at: 8), episodeCount: episodes,
                                 failureBytes: failure,
                                 loss: buffer.int(at: 32) == 0 ? nil
                                     : LossTerms(policy: loss[0], value: loss[1], entropy: loss[2], total: loss[3]))
    }

    func writeEpisode(_ index: Int, return episodeReturn: Double, length: Int, into buffer: MessageBuffer) {
        buffer.bytes.storeBytes(of: episodeReturn, toByteOffset: requestEpisodes + 16 * index, as: Double.self)
        buffer.setInt(length, at: requestEpisodes + 16 * index + 8)
    }

    func readEpisode(_ index: Int, from buffer: MessageBuffer) -> (episodeReturn: Double, length: Int) {
        (buffer.bytes.load(fromByteOffset: requestEpisodes + 16 * index, as: Double.self),
         buffer.int(at: requestEpisodes + 16 * index + 8))
    }

    func writeReplyHeader(_ header: SyncReplyHeader, into buffer: MessageBuffer) {
        buffer.setInt(header.stop?.code ?? 0, at: 0)
        buffer.setInt(header.globalSteps, at: 8)
    }

    func readReplyHeader(_ buffer: MessageBuffer) -> SyncReplyHeader {
        SyncReplyHeader(stop: StopReason(code: buffer.int(at: 0)), globalSteps: buffer.int(at: 8))
    }

    /// Writes statistics at `offset` (count, mean, variance).
    func writeStatistics(_ statistics: RunningMeanStd, into buffer: MessageBuffer, at offset: Int) {
        guard let size = statisticsSize else { return }
        let out = buffer.doubles(at: offset)
        out[0] = statistics.count
        for i in 0..<size {
            out[1 + i] = statistics.mean[i]
            out[1 + size + i] = statistics.variance[i]
        }
    }

    func readStatistics(from buffer: MessageBuffer, at offset: Int) -> RunningMeanStd? {
        guard let size = statisticsSize else { return nil }
        let data = buffer.doubles(at: offset)
        return RunningMeanStd(count: data[0], mean: (0..<size).map { data[1 + $0] },
                              variance: (0..<size).map { data[1 + size + $0] })
    }
}
