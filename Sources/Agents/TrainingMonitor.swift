import Foundation
import Synchronization
import Engine

/// One finished episode.
public struct EpisodeRecord: Codable, Equatable, Sendable {
    public var episodeReturn: Double
    public var length: Int
    /// Environment steps of the whole run when the episode ended.
    public var step: Int
    /// Wall seconds since training started.
    public var seconds: Double
    /// Mean return of the last 100 episodes, this one included.
    public var mean100: Double
}

/// Why a run ended.
public enum StopReason: String, Codable, Sendable {
    case solved, maxSteps, maxSeconds, interrupted, failed
}

/// A snapshot for progress lines and CSV logs.
public struct ProgressReport: Sendable, Equatable {
    public var seconds: Double
    public var steps: Int
    public var stepsPerSecond: Double
    public var updates: Int
    public var episodes: Int
    /// Mean return of the last 100 episodes (nil before the first episode ends).
    public var mean100: Double?
    public var loss: LossTerms?
    /// Mean length of the last 100 episodes of this session (nil before the first episode ends).
    public var meanLength100: Double? = nil
    /// The learning rate at `steps` (nil where the caller did not say).
    public var learningRate: Double? = nil

    public static let csvHeader = "seconds,steps,steps_per_second,updates,episodes,mean100_return,policy_loss,value_loss,entropy," +
        "mean100_length,learning_rate"

    public var csvRow: String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.6g", $0) } ?? "" }
        return [f(seconds), String(steps), f(stepsPerSecond), String(updates), String(episodes), f(mean100),
                f(loss.map { Double($0.policy) }), f(loss.map { Double($0.value) }), f(loss.map { Double($0.entropy) }),
                f(meanLength100), f(learningRate)]
            .joined(separator: ",")
    }

    public var line: String {
        let mean = mean100.map { String(format: "%.1f", $0) } ?? "-"
        let losses = loss.map { String(format: "policy %.4f  value %.4f  entropy %.4f", $0.policy, $0.value, $0.entropy) } ?? ""
        return String(format: "%7.1fs  %10d steps  %9.0f steps/s  %7d episodes  mean100 %@  ", seconds, steps,
                      stepsPerSecond, episodes, mean) + losses
    }
}

/// A flag that asks a run to finish cleanly (Ctrl-C); safe to set from any thread or signal context.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func request() { flag.store(true, ordering: .relaxed) }
    public var isRequested: Bool { flag.load(ordering: .relaxed) }
}

/// A confirming evaluation asked for by the episode whose mean100 reached the target, or
/// (`scheduled`) by the update that crossed a multiple of `Hyperparameters.confirmationInterval`,
/// whose last finished episode `episode` then is.
package struct ConfirmationRequest: Sendable {
    package var episode: EpisodeRecord
    package var scheduled: Bool
}

/// What the workers of one run share besides the parameters: step and update counters, the
/// episode statistics, the stop decision and the first failure. Counters are atomic; the
/// episode list is behind a lock (`Locked`), touched once per episode.
package final class TrainingMonitor: Sendable {
    package struct Episodes {
        package var records: [EpisodeRecord] = []
        package var window: [Double] = []
        package var windowSum = 0.0
        package var lastLoss: LossTerms?
        package var solvedAt: EpisodeRecord?
        package var stopReason: StopReason?
        package var failure: TrainingError?
        /// The episode whose mean100 reached the target (or the last one when a confirmation
        /// interval was crossed), waiting for the confirming evaluation.
        package var confirmationRequest: ConfirmationRequest?
        /// A new request needs this many episodes of the session (a new mean100 window after a
        /// failed confirmation) and this many steps in all.
        package var nextRequestEpisodes = 0
        package var nextRequestSteps = 0
    }

    static let lossSamplingInterval = 32
    package let start = DispatchTime.now().uptimeNanoseconds
    let target: Double?
    let maxSteps: Int?
    let maxSeconds: Double?
    let interrupt: StopSignal
    /// Episodes of the evaluation that confirms a reached target: reaching it then asks for that
    /// evaluation (`confirmationRequest`) instead of stopping the run (nil: it stops the run).
    let confirmationEpisodes: Int?
    /// Environment steps between confirming evaluations run whatever the training mean100 (nil: none).
    let confirmationInterval: Int?
    /// Standard errors of its mean by which a confirming evaluation must reach the target (nil: 0).
    let confirmationStandardErrors: Double?
    /// Holds the worker threads while a confirming evaluation runs (nil: the trainer's own loop
    /// evaluates between its updates, as A2C's does).
    package let gate: WorkerGate?
    /// Episodes and wall seconds of the sessions before this one (a resumed run).
    let earlierEpisodes: Int
    let earlierSeconds: Double
    private let steps: Atomic<Int>
    private let updates: Atomic<Int>
    private let stopping = Atomic<Bool>(false)
    private let episodes: Locked<Episodes>

    /// A monitor whose counters start at `steps`, `progress.updates` and so on when a run is resumed.
    package init(target: Double?, maxSteps: Int?, maxSeconds: Double?, interrupt: StopSignal, steps: Int = 0,
                 progress: TrainingProgress? = nil, confirmationEpisodes: Int? = nil, confirmationInterval: Int? = nil,
                 confirmationStandardErrors: Double? = nil, gate: WorkerGate? = nil) {
        self.target = target
        self.confirmationEpisodes = confirmationEpisodes
        self.confirmationInterval = confirmationInterval
        self.confirmationStandardErrors = confirmationStandardErrors
        self.gate = gate
        self.maxSteps = maxSteps
        self.maxSeconds = maxSeconds
        self.interrupt = interrupt
        self.steps = Atomic(steps)
        updates = Atomic(progress?.updates ?? 0)
        earlierEpisodes = progress?.episodes ?? 0
        earlierSeconds = progress?.seconds ?? 0
        var initial = Episodes()
        initial.window = progress?.recentReturns ?? []
        initial.windowSum = initial.window.reduce(0, +)
        episodes = Locked(initial)
    }

    /// The monitor of a single-process run of `h` (A3C with `gate`, A2C without): its stop rules,
    /// confirmations included, and the counters of `setup` (a resumed run's).
    package convenience init(setup: Setup, hyperparameters h: Hyperparameters, interrupt: StopSignal, gate: WorkerGate? = nil) {
        self.init(target: setup.target, maxSteps: h.maxSteps, maxSeconds: h.maxSeconds, interrupt: interrupt,
                  steps: setup.steps, progress: setup.progress, confirmationEpisodes: h.confirmationEpisodes,
                  confirmationInterval: h.confirmationInterval, confirmationStandardErrors: h.confirmationStandardErrors,
                  gate: gate)
    }

    /// Wall seconds of the whole run, earlier sessions included.
    package var seconds: Double { earlierSeconds + sessionSeconds }
    /// Wall seconds since this session started (what `maxSeconds` limits).
    package var sessionSeconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9 }
    package var totalSteps: Int { steps.load(ordering: .relaxed) }
    package var totalUpdates: Int { updates.load(ordering: .relaxed) }

    /// A worker between rollouts: waits while a confirming evaluation holds the workers, then
    /// says whether to go on.
    package func proceed() -> Bool {
        gate?.pass()
        return !shouldStop
    }

    /// True once any stop condition holds; workers check it between rollouts.
    package var shouldStop: Bool {
        if stopping.load(ordering: .relaxed) { return true }
        if interrupt.isRequested { stop(.interrupted) }
        else if let maxSeconds, sessionSeconds >= maxSeconds { stop(.maxSeconds) }
        return stopping.load(ordering: .relaxed)
    }

    package func stop(_ reason: StopReason) {
        episodes.withLock { if $0.stopReason == nil { $0.stopReason = reason } }
        stopping.store(true, ordering: .relaxed)
    }

    package func fail(_ error: TrainingError) {
        episodes.withLock { if $0.failure == nil { $0.failure = error } }
        stop(.failed)
    }

    /// Counts `count` environment steps and one update; returns the new step total. The loss is
    /// kept for progress lines every `lossSamplingInterval` updates, so that the workers do not
    /// contend for the episode lock on every update. The update that crosses a multiple of
    /// `confirmationInterval` asks for a confirming evaluation and closes the gate: with one
    /// worker it runs after the same update every time.
    @discardableResult
    package func recordUpdate(steps count: Int, loss: LossTerms) -> Int {
        let updateCount = updates.wrappingAdd(1, ordering: .relaxed).newValue
        let total = steps.wrappingAdd(count, ordering: .relaxed).newValue
        if updateCount % Self.lossSamplingInterval == 1 { episodes.withLock { $0.lastLoss = loss } }
        if let maxSteps, total >= maxSteps { stop(.maxSteps) }
        askForScheduledConfirmation(stepsBefore: total - count, stepsNow: total)
        return total
    }

    /// Steps from `before` to `now` that crossed a multiple of `confirmationInterval` ask for a
    /// confirming evaluation and close the gate (with or without a target: the best model is kept).
    private func askForScheduledConfirmation(stepsBefore before: Int, stepsNow now: Int) {
        guard let interval = confirmationInterval, confirmationEpisodes != nil,
              now / interval > before / interval else { return }
        let asked = episodes.withLock { e -> Bool in
            guard e.confirmationRequest == nil, e.solvedAt == nil, let last = e.records.last else { return false }
            e.confirmationRequest = ConfirmationRequest(episode: last, scheduled: true)
            return true
        }
        if asked { gate?.close() }
    }

    /// Records a finished episode. When the mean return of the last 100 reaches the target, stops
    /// the run, or with `confirmationEpisodes` asks for a confirming evaluation and closes the gate.
    package func recordEpisode(return episodeReturn: Double, length: Int, stepsSoFar: Int) {
        let now = seconds
        let target = self.target, confirmsTarget = confirmationEpisodes != nil
        let reached = episodes.withLock { e -> Bool in
            e.window.append(episodeReturn)
            e.windowSum += episodeReturn
            if e.window.count > TrainingProgress.windowSize { e.windowSum -= e.window.removeFirst() }
            let record = EpisodeRecord(episodeReturn: episodeReturn, length: length, step: stepsSoFar, seconds: now,
                                       mean100: e.windowSum / Double(e.window.count))
            e.records.append(record)
            guard let target, e.window.count >= TrainingProgress.windowSize, record.mean100 >= target, e.solvedAt == nil else {
                return false
            }
            if !confirmsTarget {
                e.solvedAt = record
                return true
            }
            guard e.confirmationRequest == nil, e.records.count >= e.nextRequestEpisodes, stepsSoFar >= e.nextRequestSteps else {
                return false
            }
            e.confirmationRequest = ConfirmationRequest(episode: record, scheduled: false)
            return true
        }
        if reached {
            if confirmsTarget { gate?.close() } else { stop(.solved) }
        }
    }

    /// The request waiting for its confirming evaluation (nil: none).
    package var confirmationRequest: ConfirmationRequest? { episodes.withLock { $0.confirmationRequest } }

    /// The confirming evaluation of `request` reached the target: the run stops, solved.
    package func confirm(_ request: ConfirmationRequest) {
        episodes.withLock { e in
            e.confirmationRequest = nil
            e.solvedAt = request.episode
            if e.stopReason == nil || e.stopReason == .maxSteps || e.stopReason == .maxSeconds { e.stopReason = .solved }
        }
        stopping.store(true, ordering: .relaxed)
    }

    /// The confirming evaluation fell short: training goes on, and the next request waits for a
    /// new mean100 window and `waitingSteps` more environment steps.
    package func reject(waitingSteps: Int) {
        let steps = totalSteps
        episodes.withLock { e in
            e.confirmationRequest = nil
            e.nextRequestEpisodes = e.records.count + TrainingProgress.windowSize
            e.nextRequestSteps = steps + waitingSteps
        }
    }

    /// The counters now; `learningRate` gives the schedule's rate at a step count, for the report.
    package func report(previous: ProgressReport?, learningRate: ((Int) -> Float)? = nil) -> ProgressReport {
        let now = seconds, total = totalSteps
        let (count, mean, loss, length) = episodes.withLock { e in
            (earlierEpisodes + e.records.count, e.window.isEmpty ? nil : e.windowSum / Double(e.window.count), e.lastLoss,
             e.records.isEmpty ? nil : Double(e.records.suffix(100).reduce(0) { $0 + $1.length }) / Double(min(e.records.count, 100)))
        }
        let rate = previous.map { now > $0.seconds ? Double(total - $0.steps) / (now - $0.seconds) : 0 }
            ?? (now > 0 ? Double(total) / now : 0)
        return ProgressReport(seconds: now, steps: total, stepsPerSecond: rate, updates: totalUpdates, episodes: count,
                              mean100: mean, loss: loss, meanLength100: length,
                              learningRate: learningRate.map { Double($0(total)) })
    }

    package var summary: Episodes { episodes.withLock { $0 } }

    /// Counts `count` steps and `updateCount` updates made elsewhere (another rank's workers) and
    /// keeps their latest loss for progress lines.
    package func recordRemote(steps count: Int, updates updateCount: Int, loss: LossTerms?) {
        updates.wrappingAdd(updateCount, ordering: .relaxed)
        let total = steps.wrappingAdd(count, ordering: .relaxed).newValue
        if let loss { episodes.withLock { $0.lastLoss = loss } }
        if let maxSteps, total >= maxSteps { stop(.maxSteps) }
        askForScheduledConfirmation(stepsBefore: total - count, stepsNow: total)
    }

    /// Moves the step counter by `offset` (a rank adopting the run's global step count), so that
    /// learning-rate schedules and step limits follow the whole run.
    package func addSteps(_ offset: Int) {
        steps.wrappingAdd(offset, ordering: .relaxed)
    }

    /// The episodes recorded from index `first` on (a rank forwarding its new episodes).
    package func episodeRecords(from first: Int) -> [EpisodeRecord] {
        episodes.withLock { e in first < e.records.count ? Array(e.records[first...]) : [] }
    }

    /// Mean return of the last 100 episodes (nil before the first ends).
    package var mean100: Double? {
        episodes.withLock { $0.window.isEmpty ? nil : $0.windowSum / Double($0.window.count) }
    }

    /// The counters and the mean100 window now, with the optimiser's `state`, for a checkpoint.
    package func progress(optimizer state: OptimizerState?) -> TrainingProgress {
        let (count, window) = episodes.withLock { ($0.records.count, $0.window) }
        return TrainingProgress(updates: totalUpdates, episodes: earlierEpisodes + count, seconds: seconds,
                                recentReturns: window, optimizer: state)
    }
}
