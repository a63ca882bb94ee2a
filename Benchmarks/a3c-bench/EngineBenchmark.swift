import ArgumentParser
import CBLAS
import Engine
import SeededRandom

/// `a3c-bench engine`: the seed's 4→128(SiLU)→2 policy-value network, the LunarLander
/// networks (separate 8→64→64 tanh actor with 4 logits and critic), MinAtar's conv network and an
/// LSTM network, on one thread.
struct EngineBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "µs per act (batch 1) and per update (forward + backward + Adam) of the seed's and LunarLander's networks, sgemm GFLOP/s.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        let figures = Self.report(quick: common.quick)
        if let json = common.json { try Report.writeJSON(["engine": figures], to: json) }
    }

    /// Measures, prints the table and returns the figures; `quick` times each call for milliseconds, not seconds.
    static func report(quick: Bool) -> [String: Any] {
        let figures = quick ? measure(minSeconds: 0.005, repeats: 1) : measure(minSeconds: 0.2, repeats: 5)
        print(markdown(figures))
        return figures
    }

    static let updateBatches = [5, 32, 256]
    static let lunarUpdateBatches = [32, 256]
    /// LunarLander-v3's network with its defaults (`Architecture.separate`): 8 observations, 4 actions.
    static let lunarArchitecture = Architecture.separate(observationSize: 8, policy: .categorical(actions: 4))
    static let sgemmSizes = [64, 128, 256, 512]

    /// Every figure of the section, keyed as in the JSON output.
    static func measure(minSeconds: Double, repeats: Int) -> [String: Any] {
        BLAS.setThreads(1)
        let network = ActorCriticNetwork(architecture: .seed(observationSize: 4, policy: .categorical(actions: 2)), seed: 1)
        var rng = Xoshiro256(seed: 2)
        let observation: [Float] = [0.01, -0.02, 0.03, 0.04]
        var sink = 0
        var actByKernel: [String: Double] = [:]
        let defaultKernel = network.singleRowKernel
        for kernel in SingleRowKernel.allCases {
            Report.progress("engine: act with the \(kernel) kernel")
            network.singleRowKernel = kernel
            actByKernel[kernel.rawValue] = 1e6 * Report.secondsPerCall(minSeconds: minSeconds, repeats: repeats) {
                network.forward(observations: observation, batch: 1)
                sink &+= CategoricalPolicy.sample(logits: network.policyOutput, count: 2, rng: &rng)
                sink &+= Int(network.values[0].sign == .minus ? 1 : 0)
            }
        }
        network.singleRowKernel = defaultKernel

        var figures: [String: Any] = ["act_us": actByKernel[defaultKernel.rawValue]!, "act_us_by_kernel": actByKernel,
                                      "act_default_kernel": defaultKernel.rawValue,
                                      "elementwise_kernels": FastMath.usesAVX2 ? "AVX2+FMA" : "portable"]
        for batch in updateBatches {
            Report.progress("engine: update at batch \(batch)")
            figures["update_us_b\(batch)"] = updateMicroseconds(network, batch: batch, actions: 2, rng: &rng,
                                                                minSeconds: minSeconds, repeats: repeats)
        }

        let lunar = ActorCriticNetwork(architecture: lunarArchitecture, seed: 1)
        let lunarObservation: [Float] = [0.01, 1.4, -0.2, 0.1, 0.02, -0.03, 0, 0]
        Report.progress("engine: LunarLander network, act")
        figures["lunar_act_us"] = 1e6 * Report.secondsPerCall(minSeconds: minSeconds, repeats: repeats) {
            lunar.forward(observations: lunarObservation, batch: 1)
            sink &+= CategoricalPolicy.sample(logits: lunar.policyOutput, count: 4, rng: &rng)
            sink &+= Int(lunar.values[0].sign == .minus ? 1 : 0)
        }
        for batch in lunarUpdateBatches {
            Report.progress("engine: LunarLander network, update at batch \(batch)")
            figures["lunar_update_us_b\(batch)"] = updateMicroseconds(lunar, batch: batch, actions: 4, rng: &rng,
                                                                      minSeconds: minSeconds, repeats: repeats)
        }

        var gflops: [String: Double] = [:]
        for n in sgemmSizes {
            Report.progress("engine: sgemm \(n)×\(n)")
            let a = [Float](repeating: 0.5, count: n * n), b = a
            var c = [Float](repeating: 0, count: n * n)
            let seconds = Report.secondsPerCall(minSeconds: minSeconds, repeats: repeats) {
                BLAS.gemm(transA: false, transB: false, m: n, n: n, k: n, alpha: 1, a: a, lda: n, b: b, ldb: n,
                          beta: 0, c: &c, ldc: n)
            }
            gflops["\(n)"] = 2 * Double(n * n * n) / seconds * 1e-9
        }
        figures["sgemm_gflops"] = gflops
        for (key, value) in torsoNetworks(minSeconds: minSeconds, repeats: repeats) { figures[key] = value }
        let bound = 1e6 * Double(minAtarUpdateFlopsPerRow * 256) / (gflops["256"]! * 1e9)
        figures["minatar_update_bound_us_b256"] = bound
        if sink == -1 { print(sink) }
        return figures
    }

    /// MinAtar's network: 10×10×4 → conv 16 3×3 → ReLU → 1024 → dense 128 → ReLU → 6 logits + value.
    static let minAtarArchitecture = Architecture(observationSize: 400, observationShape: [10, 10, 4], policy: .categorical(actions: 6),
                                                  torso: [.conv2d(filters: 16, kernel: 3, stride: 1)], hidden: [128], activation: .relu,
                                                  sharedTrunk: true, initialization: .pytorch)
    /// 4 observations → LSTM 64 → 2 logits + value.
    static let lstmArchitecture = Architecture(observationSize: 4, policy: .categorical(actions: 2), torso: [.lstm(units: 64)], hidden: [],
                                               activation: .tanh, sharedTrunk: true, initialization: .pytorch)
    static let lstmRollout = 32
    static let lstmSequences = [1, 8]

    /// Floating-point operations of one row's forward and backward in MinAtar's network: each
    /// layer's multiply-adds once forward and once for the weight gradient, and once more for the
    /// input gradient except the first layer's.
    static var minAtarUpdateFlopsPerRow: Int {
        let layout = try! ParameterLayout(minAtarArchitecture)
        var multiplyAdds = 0, first = true
        func add(_ count: Int) {
            multiplyAdds += count * (first ? 2 : 3)
            first = false
        }
        for stage in layout.torso {
            if case .conv2d(let c) = stage { add(c.positions * c.patchSize * c.filters) }
        }
        for layer in layout.trunk + layout.actor + layout.critic { add(layer.weightCount) }
        return 2 * multiplyAdds
    }

    /// Act and update of MinAtar's network and of the LSTM network, keyed as in the JSON output.
    static func torsoNetworks(minSeconds: Double, repeats: Int) -> [String: Double] {
        BLAS.setThreads(1)
        var rng = Xoshiro256(seed: 3)
        var figures: [String: Double] = [:], sink = 0
        let minAtar = ActorCriticNetwork(architecture: minAtarArchitecture, seed: 1)
        let board = (0..<400).map { _ in Float(rng.nextInt(below: 10) == 0 ? 1 : 0) }
        Report.progress("engine: MinAtar network, act")
        figures["minatar_act_us"] = 1e6 * Report.secondsPerCall(minSeconds: minSeconds, repeats: repeats) {
            minAtar.forward(observations: board, batch: 1)
            sink &+= CategoricalPolicy.sample(logits: minAtar.policyOutput, count: 6, rng: &rng)
        }
        for batch in updateBatches {
            Report.progress("engine: MinAtar network, update at batch \(batch)")
            figures["minatar_update_us_b\(batch)"] = updateMicroseconds(minAtar, batch: batch, actions: 6, rng: &rng,
                                                                        minSeconds: minSeconds, repeats: repeats)
        }

        let lstm = ActorCriticNetwork(architecture: lstmArchitecture, seed: 1)
        var state = [Float](repeating: 0.1, count: lstm.stateWidth * lstmSequences.max()!)
        let observation: [Float] = [0.01, -0.02, 0.03, 0.04]
        Report.progress("engine: LSTM network, act")
        figures["lstm_act_us"] = 1e6 * Report.secondsPerCall(minSeconds: minSeconds, repeats: repeats) {
            lstm.forward(observations: observation, batch: 1, state: &state)
            sink &+= CategoricalPolicy.sample(logits: lstm.policyOutput, count: 2, rng: &rng)
        }
        for sequences in lstmSequences {
            Report.progress("engine: LSTM network, update over \(lstmRollout) steps × \(sequences)")
            figures["lstm_update_us_t\(lstmRollout)_b\(sequences)"] = updateMicroseconds(
                lstm, batch: lstmRollout * sequences, actions: 2, sequences: sequences, rng: &rng, minSeconds: minSeconds, repeats: repeats)
        }
        if sink == -1 { print(sink) }
        return figures
    }

    /// µs per update of `network` (forward, loss, backward and an Adam step) on a random batch.
    /// A recurrent network runs the batch as `sequences` sequences from a fixed initial state.
    static func updateMicroseconds(_ network: ActorCriticNetwork, batch: Int, actions: Int, sequences: Int = 1, rng: inout Xoshiro256,
                                   minSeconds: Double, repeats: Int) -> Double {
        let optimizer = SharedOptimizer(rule: .adam(), mode: .hogwild, initialParameters: network.parameterArray)
        let obs = (0..<(batch * network.observationSize)).map { _ in Float(rng.uniform(-0.1, 0.1)) }
        let actionValues = (0..<batch).map { _ in Float(rng.nextInt(below: actions)) }
        let advantages = (0..<batch).map { _ in Float(rng.nextGaussian()) }
        let returns = (0..<batch).map { _ in Float(rng.uniform(0, 10)) }
        let initialState = (0..<(sequences * network.stateWidth)).map { _ in Float(rng.uniform(-0.5, 0.5)) }
        var state = initialState
        network.reserve(batch: batch)
        return 1e6 * Report.secondsPerCall(minSeconds: minSeconds, repeats: repeats) {
            state.withUnsafeMutableBufferPointer { s in
                if network.isRecurrent { s.baseAddress!.update(from: initialState, count: initialState.count) }
                _ = try? network.lossAndGradient(observations: obs, actions: actionValues, advantages: advantages,
                                                 returns: returns, batch: batch, coefficients: LossCoefficients(),
                                                 sequences: sequences, state: network.isRecurrent ? s.baseAddress! : nil)
            }
            optimizer.apply(gradient: network.gradients.baseAddress!, learningRate: 1e-6)
        }
    }

    static func markdown(_ f: [String: Any]) -> String {
        let kernels = f["act_us_by_kernel"] as! [String: Double]
        let gflops = f["sgemm_gflops"] as! [String: Double]
        let defaultKernel = f["act_default_kernel"] as! String
        var rows = SingleRowKernel.allCases.map {
            ["act (batch 1: forward, sample, value), \($0.rawValue) kernel\($0.rawValue == defaultKernel ? " (default)" : "")",
             "µs", kernels[$0.rawValue]!.formatted(3)]
        }
        rows += updateBatches.map { ["update (forward + backward + Adam), batch \($0)", "µs", (f["update_us_b\($0)"] as! Double).formatted(2)] }
        rows.append(["LunarLander network: act (batch 1: forward, sample, value)", "µs", (f["lunar_act_us"] as! Double).formatted(3)])
        rows += lunarUpdateBatches.map {
            ["LunarLander network: update (forward + backward + Adam), batch \($0)", "µs", (f["lunar_update_us_b\($0)"] as! Double).formatted(2)]
        }
        rows += sgemmSizes.map { ["sgemm \($0)×\($0)×\($0)", "GFLOP/s", gflops["\($0)"]!.formatted(1)] }
        rows.append(["MinAtar network: act (batch 1: forward, sample)", "µs", (f["minatar_act_us"] as! Double).formatted(2)])
        rows += updateBatches.map {
            ["MinAtar network: update (forward + backward + Adam), batch \($0)", "µs", (f["minatar_update_us_b\($0)"] as! Double).formatted(1)]
        }
        rows.append(["MinAtar network: batch 256's multiply-adds at the sgemm 256 rate above", "µs",
                     (f["minatar_update_bound_us_b256"] as! Double).formatted(1)])
        rows.append(["LSTM network: act (one step, state carried, sample)", "µs", (f["lstm_act_us"] as! Double).formatted(3)])
        rows += lstmSequences.map {
            ["LSTM network: update over \(lstmRollout) steps × \($0) sequences (BPTT + Adam)", "µs",
             (f["lstm_update_us_t\(lstmRollout)_b\($0)"] as! Double).formatted(1)]
        }
        let note = "\nElementwise kernels (exp, tanh, SiLU, Adam): \(f["elementwise_kernels"] as? String ?? "?").\n"
        return Report.tableSection("engine — seed network 4→128 (SiLU)→2+1, LunarLander network 8→64→64 (tanh)→4, 8→64→64 (tanh)→1, MinAtar network 10×10×4→conv 16 3×3→128 (ReLU)→6+1, LSTM network 4→LSTM 64→2+1; one thread",
                                   ["measure", "unit", "value"], rows) + note
    }
}
