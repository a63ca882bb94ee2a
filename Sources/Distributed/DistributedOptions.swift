import Agents
import Foundation

/// How the ranks of a distributed run work together (the hyperparameters say how each learns).
public struct DistributedOptions: Sendable, Equatable {
    /// Local updates (over all of a worker rank's threads) between two syncs with rank 0.
    public var syncEvery: Int = 100
    /// Rank 0 only serves the parameters and runs no worker threads of its own.
    public var serverOnly: Bool = false
    /// A worker rank syncs at least this often (seconds), even before `syncEvery` updates: its heartbeat.
    public var heartbeat: Double = 0.5
    /// Rank 0 ends the job when a worker rank has sent nothing for this many seconds.
    public var rankTimeout: Double = 5
    /// Rank 0 saves a checkpoint here every `checkpointInterval` seconds (atomically: a failed or
    /// interrupted save leaves the previous file as it was).
    public var checkpointPath: String?
    public var checkpointInterval: Double?

    public init(syncEvery: Int = 100, serverOnly: Bool = false, heartbeat: Double = 0.5, rankTimeout: Double = 5,
                checkpointPath: String? = nil, checkpointInterval: Double? = nil) {
        self.syncEvery = syncEvery
        self.serverOnly = serverOnly
        self.heartbeat = heartbeat
        self.rankTimeout = rankTimeout
        self.checkpointPath = checkpointPath
        self.checkpointInterval = checkpointInterval
    }

    /// Throws a message naming the first option out of range.
    public func validate() throws(DistributedError) {
        guard syncEvery >= 1 else { throw .ranks("--sync-every must be at least 1, got \(syncEvery)") }
        guard heartbeat > 0, heartbeat.isFinite else { throw .ranks("the heartbeat must be positive, got \(heartbeat)") }
        guard rankTimeout > heartbeat, rankTimeout.isFinite else {
            throw .ranks("--rank-timeout must be longer than the heartbeat (\(heartbeat) s), got \(rankTimeout)")
        }
        if let checkpointInterval, !(checkpointInterval > 0 && checkpointInterval.isFinite) {
            throw .ranks("the checkpoint interval must be positive, got \(checkpointInterval)")
        }
    }
}

/// Who takes part in a run, for rank 0's opening line.
public struct DistributedLayout: Sendable, Equatable {
    /// Host name of each rank, in rank order.
    public var hosts: [String]
    /// Worker threads of each rank (rank 0's are 0 with `serverOnly`).
    public var threads: [Int]
    public var syncEvery: Int

    public var description: String {
        let ranks = hosts.indices.map { r in
            let work = "\(threads[r]) thread\(threads[r] == 1 ? "" : "s")"
            return "rank \(r)@\(hosts[r]) " + (r > 0 ? work : threads[r] == 0 ? "server only" : "server + " + work)
        }
        return "\(hosts.count) ranks (\(ranks.joined(separator: ", "))), sync every \(syncEvery) updates"
    }
}

/// A worker rank's share of one progress interval, as rank 0 saw it.
public struct RankActivity: Sendable, Equatable {
    public var rank: Int
    public var stepsPerSecond: Double
    public var syncsPerSecond: Double
}

/// Rank 0's progress line: the run's metrics plus what each rank and the network did.
public struct DistributedProgress: Sendable, Equatable {
    public var report: ProgressReport
    /// Rank 0's own threads' steps per second (0 with `serverOnly`).
    public var serverStepsPerSecond: Double
    public var ranks: [RankActivity]
    /// Bytes per second rank 0 received and sent in sync messages.
    public var bytesInPerSecond: Double
    public var bytesOutPerSecond: Double

    public var line: String {
        let perRank = ranks.map { String(format: "r%d %.0f/s %.0f syncs/s", $0.rank, $0.stepsPerSecond, $0.syncsPerSecond) }
        return report.line + String(format: "| r0 %.0f/s  ", serverStepsPerSecond) + perRank.joined(separator: "  ")
            + String(format: "  in %.2f MB/s out %.2f MB/s", bytesInPerSecond / 1e6, bytesOutPerSecond / 1e6)
    }
}

/// What a finished distributed run reports on rank 0 besides the training result.
public struct DistributedSummary: Sendable, Equatable {
    public var syncs: Int
    public var bytesIn: Int
    public var bytesOut: Int
    public var seconds: Double

    public var line: String {
        String(format: "rank 0 served %d syncs: %.2f MB in, %.2f MB out (%.2f MB/s in, %.2f MB/s out)", syncs,
               Double(bytesIn) / 1e6, Double(bytesOut) / 1e6, seconds > 0 ? Double(bytesIn) / seconds / 1e6 : 0,
               seconds > 0 ? Double(bytesOut) / seconds / 1e6 : 0)
    }
}
