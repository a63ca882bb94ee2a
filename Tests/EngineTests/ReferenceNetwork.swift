import Foundation
import Engine

/// A plain-loop, Double-precision forward of an `ActorCriticNetwork`, reading each tensor by its
/// name in the layout's manifest: the reference that the engine's forward and gradients are checked
/// against. Time-major rows, `sequences` per step, from `state` (h, c per LSTM layer per sequence).
struct ReferenceNetwork {
    let architecture: Architecture
    let layout: ParameterLayout

    init(_ architecture: Architecture) throws {
        self.architecture = architecture
        layout = try ParameterLayout(architecture)
    }

    func tensor(_ name: String, _ p: [Double]) -> ArraySlice<Double> {
        let t = layout.tensor(name)!
        return p[t.offset..<(t.offset + t.count)]
    }

    func activate(_ x: Double, _ f: Activation) -> Double {
        switch f {
        case .identity: x
        case .silu: x / (1 + exp(-x))
        case .tanh: tanh(x)
        case .relu: max(x, 0)
        }
    }

    /// y[r] = W·x[r] + b for every row.
    func dense(_ prefix: String, _ x: [[Double]], _ p: [Double], _ f: Activation) -> [[Double]] {
        let w = tensor(prefix + ".weight", p), b = tensor(prefix + ".bias", p)
        let outputs = b.count, inputs = w.count / outputs
        return x.map { row in
            (0..<outputs).map { o in
                var sum = b[b.startIndex + o]
                for i in 0..<inputs { sum += w[w.startIndex + o * inputs + i] * row[i] }
                return activate(sum, f)
            }
        }
    }

    /// The naive convolution: every output cell a sum over its kernel window.
    func conv(_ prefix: String, _ x: [[Double]], shape: [Int], filters: Int, kernel: Int, stride: Int, _ p: [Double]) -> [[Double]] {
        let w = tensor(prefix + ".weight", p), b = tensor(prefix + ".bias", p)
        let (h, wd, c) = (shape[0], shape[1], shape[2])
        let oh = (h - kernel) / stride + 1, ow = (wd - kernel) / stride + 1
        return x.map { image in
            var out = [Double](repeating: 0, count: oh * ow * filters)
            for oy in 0..<oh {
                for ox in 0..<ow {
                    for f in 0..<filters {
                        var sum = b[b.startIndex + f]
                        for ky in 0..<kernel {
                            for kx in 0..<kernel {
                                for ch in 0..<c {
                                    let weight = w[w.startIndex + ((f * kernel + ky) * kernel + kx) * c + ch]
                                    sum += weight * image[((oy * stride + ky) * wd + ox * stride + kx) * c + ch]
                                }
                            }
                        }
                        out[(oy * ow + ox) * filters + f] = activate(sum, architecture.activation)
                    }
                }
            }
            return out
        }
    }

    func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// PyTorch's LSTM equations, step by step; `state[b]` holds (h, c) and is advanced.
    func lstm(_ prefix: String, _ x: [[Double]], units n: Int, sequences: Int, state: inout [[Double]], stateOffset: Int,
              episodeStarts: [Double]?, _ p: [Double]) -> [[Double]] {
        let wih = tensor(prefix + ".weight_ih", p), whh = tensor(prefix + ".weight_hh", p)
        let bih = tensor(prefix + ".bias_ih", p), bhh = tensor(prefix + ".bias_hh", p)
        let inputs = wih.count / (4 * n)
        var out: [[Double]] = []
        for (r, row) in x.enumerated() {
            let b = r % sequences
            if let episodeStarts, episodeStarts[r] != 0 {
                for k in 0..<(2 * n) { state[b][stateOffset + k] = 0 }
            }
            let hPrev = Array(state[b][stateOffset..<(stateOffset + n)]), cPrev = Array(state[b][(stateOffset + n)..<(stateOffset + 2 * n)])
            var z = [Double](repeating: 0, count: 4 * n)
            for g in 0..<(4 * n) {
                var sum = bih[bih.startIndex + g] + bhh[bhh.startIndex + g]
                for i in 0..<inputs { sum += wih[wih.startIndex + g * inputs + i] * row[i] }
                for k in 0..<n { sum += whh[whh.startIndex + g * n + k] * hPrev[k] }
                z[g] = sum
            }
            var h = [Double](repeating: 0, count: n)
            for k in 0..<n {
                let i = sigmoid(z[k]), f = sigmoid(z[n + k]), g = tanh(z[2 * n + k]), o = sigmoid(z[3 * n + k])
                let c = f * cPrev[k] + i * g
                h[k] = o * tanh(c)
                state[b][stateOffset + n + k] = c
            }
            for k in 0..<n { state[b][stateOffset + k] = h[k] }
            out.append(h)
        }
        return out
    }

    /// Policy outputs and values for `rows` observation rows.
    func forward(_ observations: [[Double]], parameters p: [Double], sequences: Int = 1, state: inout [[Double]],
                 episodeStarts: [Double]? = nil) -> (policy: [[Double]], values: [Double]) {
        var x = observations, shape = architecture.observationShape
        var stage = 0
        for (index, layer) in architecture.torso.enumerated() {
            let prefix = "torso.\(index)"
            switch layer {
            case .dense:
                x = dense(prefix, x, p, architecture.activation)
            case let .conv2d(filters, kernel, stride):
                x = conv(prefix, x, shape: shape, filters: filters, kernel: kernel, stride: stride, p)
            case .lstm(let units):
                guard case .lstm(let l) = layout.torso[stage] else { fatalError("layout and torso disagree") }
                x = lstm(prefix, x, units: units, sequences: sequences, state: &state, stateOffset: l.stateOffset,
                         episodeStarts: episodeStarts, p)
            case .flatten:
                break
            }
            if layer != .flatten { stage += 1 }
            shape = layout.torsoShapes[index]
        }
        let f = architecture.activation
        if architecture.sharedTrunk {
            for i in architecture.hidden.indices { x = dense("trunk.\(i)", x, p, f) }
            let policy = dense("actor.0", x, p, .identity), values = dense("critic.0", x, p, .identity)
            return (policy, values.map { $0[0] })
        }
        var actor = x, critic = x
        for i in architecture.hidden.indices {
            actor = dense("actor.\(i)", actor, p, f)
            critic = dense("critic.\(i)", critic, p, f)
        }
        let last = architecture.hidden.count
        return (dense("actor.\(last)", actor, p, .identity), dense("critic.\(last)", critic, p, .identity).map { $0[0] })
    }
}
