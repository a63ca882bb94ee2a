import Agents
import Engine

extension Export {
    /// One self-contained C99 file (libm only) that acts as `Policy` does in deterministic mode:
    /// the weights as `static const float` arrays, the observation normalisation, and
    /// `policy_act`, `policy_value` and `policy_reset` (the API is described at the file's top).
    public static func c(_ model: TrainedModel, origin: Origin = Origin()) throws(ExportError) -> String {
        let source = try CSource(model, origin: origin)
        return source.banner + source.interface + source.body
    }

    /// A header declaring what `c(_:origin:)` defines, for programs that link the exported file.
    public static func cHeader(_ model: TrainedModel, origin: Origin = Origin()) throws(ExportError) -> String {
        let source = try CSource(model, origin: origin)
        return source.banner + "#ifndef POLICY_H\n#define POLICY_H\n\n" + source.interface + "#endif\n"
    }
}

/// Writes the C of one model: every array and call named after the layout's tensors.
struct CSource {
    let model: TrainedModel
    let layout: ParameterLayout
    let origin: Export.Origin

    init(_ model: TrainedModel, origin: Export.Origin) throws(ExportError) {
        self.model = model
        self.origin = origin
        layout = try Export.checkedLayout(model)
    }

    var architecture: Architecture { model.architecture }

    var banner: String {
        let a = architecture
        let observation = "\(a.observationSize) floats, shape \(shapeText(a.observationShape))"
            + (model.observationStatistics == nil ? "" : "; normalised inside: (x - mean) / sqrt(var + 1e-8), clipped to ±10")
        let action = switch a.policy {
        case .categorical(let n): "\(origin.actionSpace ?? "Discrete(\(n))"): policy_act writes the most probable action's index as a float"
        case .gaussian(let d, _): "\(origin.actionSpace ?? "Box(\(d))"): policy_act writes the Gaussian mean, unclipped (clip it to the bounds)"
        }
        var lines = ["Policy exported by a3c-swift (`a3c export --format c`): C99, needs only libm.", ""]
        if let checkpoint = origin.checkpoint { lines.append("checkpoint:  \(checkpoint)") }
        lines += [
            "environment: \(model.envID), trained for \(model.steps) steps",
            "observation: " + (origin.observationSpace.map { "\($0), " } ?? "") + observation,
            "action:      " + action,
            "network:     " + networkText + ", \(layout.count) parameters",
            "",
            "int policy_act(const float *observation, float *action_out)",
            "    Reads POLICY_OBSERVATION_SIZE values, writes POLICY_ACTION_SIZE values and returns 0;",
            "    returns 1 and writes nothing if a value is NaN or infinite." + (layout.isRecurrent ? " Advances the state." : ""),
            "float policy_value(const float *observation)",
            "    The critic's value of the observation" + (layout.isRecurrent ? " from the current state, which it leaves as it is" : "")
                + " (NAN for a non-finite value).",
            "void policy_reset(void)",
            layout.isRecurrent
                ? "    Starts an episode: zeroes policy_state (h then c of each LSTM layer). Call it after every environment reset."
                : "    Starts an episode (the network is feed-forward: nothing to forget).",
            "Not reentrant: one policy per process (the layers' buffers are static).",
        ]
        return "/*\n" + lines.map { $0.isEmpty ? " *" : " * " + $0 }.joined(separator: "\n") + "\n */\n"
    }

    var networkText: String {
        let a = architecture
        var parts: [String] = []
        if !a.torso.isEmpty { parts.append("torso " + a.torso.map(\.description).joined(separator: ",")) }
        if !a.hidden.isEmpty {
            parts.append("hidden \(a.hidden.map(String.init).joined(separator: ","))" + (a.sharedTrunk ? " shared" : " per head"))
        }
        parts.append(a.activation.rawValue)
        return parts.joined(separator: ", ")
    }

    var interface: String {
        var text = """
            #define POLICY_OBSERVATION_SIZE \(architecture.observationSize)
            #define POLICY_ACTION_SIZE \(architecture.policy.actionWidth)
            #define POLICY_STATE_SIZE \(layout.stateWidth)

            int policy_act(const float *observation, float *action_out);
            float policy_value(const float *observation);
            void policy_reset(void);

            """
        if layout.isRecurrent { text += "extern float policy_state[POLICY_STATE_SIZE];\n" }
        return text + "\n"
    }

    var body: String {
        var text = "#include <math.h>\n#include <string.h>\n\n"
        for tensor in layout.tensors where tensor.name != "log_std" {
            text += array(cName(tensor.name), values: model.parameters[tensor.offset..<(tensor.offset + tensor.count)],
                          comment: "\(tensor.name), shape \(shapeText(tensor.shape))")
        }
        if let scaler = model.observationStatistics?.scaler {
            text += array("observation_shift", values: scaler.shift[...], comment: "the running mean")
            text += array("observation_scale", values: scaler.scale[...], comment: "1 / sqrt(running variance + 1e-8)")
        }
        if layout.isRecurrent { text += "float policy_state[POLICY_STATE_SIZE];\n\n" }
        text += helpers
        text += forward
        text += api
        return text
    }

    /// The layers' code: only the helpers this network calls.
    var helpers: String {
        var text = """
            /* y = W x + b, W row-major (outputs x inputs). */
            static void dense(const float *w, const float *b, int inputs, int outputs, const float *x, float *y) {
                for (int o = 0; o < outputs; o++) {
                    const float *row = w + (long)o * inputs;
                    float sum = b[o];
                    for (int i = 0; i < inputs; i++) sum += row[i] * x[i];
                    y[o] = sum;
                }
            }


            """
        let stages = layout.torso
        if stages.contains(where: { if case .conv2d = $0 { true } else { false } }) {
            text += """
                /* A convolution over a channels-last (height, width, channels) input, no padding: output cell (oy, ox, f)
                   = b[f] + the dot product of filter f (kernel x kernel x channels) with the patch at (oy * stride, ox * stride). */
                static void conv2d(const float *w, const float *b, int height, int width, int channels, int filters, int kernel,
                                   int stride, const float *x, float *y) {
                    int out_height = (height - kernel) / stride + 1, out_width = (width - kernel) / stride + 1;
                    int row = kernel * channels;
                    for (int oy = 0; oy < out_height; oy++)
                        for (int ox = 0; ox < out_width; ox++)
                            for (int f = 0; f < filters; f++) {
                                const float *filter = w + (long)f * kernel * row;
                                float sum = b[f];
                                for (int ky = 0; ky < kernel; ky++) {
                                    const float *patch = x + ((long)(oy * stride + ky) * width + ox * stride) * channels;
                                    for (int i = 0; i < row; i++) sum += filter[ky * row + i] * patch[i];
                                }
                                y[((long)oy * out_width + ox) * filters + f] = sum;
                            }
                }


                """
        }
        let usesSigmoid = layout.isRecurrent || architecture.activation == .silu
        if usesSigmoid { text += "static float sigmoid(float x) { return 1.0f / (1.0f + expf(-x)); }\n\n" }
        if layout.isRecurrent {
            text += """
                /* One step of PyTorch's LSTM: z = W_ih x + b_ih + W_hh h + b_hh, split into i, f, g, o;
                   c = sigmoid(f) c + sigmoid(i) tanh(g); h = sigmoid(o) tanh(c). h and c are updated in place. */
                static void lstm_step(const float *w_ih, const float *w_hh, const float *b_ih, const float *b_hh, int inputs,
                                      int units, const float *x, float *h, float *c, float *z) {
                    for (int g = 0; g < 4 * units; g++) {
                        const float *row_ih = w_ih + (long)g * inputs, *row_hh = w_hh + (long)g * units;
                        float sum = b_ih[g] + b_hh[g];
                        for (int i = 0; i < inputs; i++) sum += row_ih[i] * x[i];
                        for (int k = 0; k < units; k++) sum += row_hh[k] * h[k];
                        z[g] = sum;
                    }
                    for (int k = 0; k < units; k++) {
                        float i = sigmoid(z[k]), f = sigmoid(z[units + k]), g = tanhf(z[2 * units + k]), o = sigmoid(z[3 * units + k]);
                        c[k] = f * c[k] + i * g;
                        h[k] = o * tanhf(c[k]);
                    }
                }


                """
        }
        switch architecture.activation {
        case .identity: break
        case .relu: text += "static void activate(float *x, int n) { for (int i = 0; i < n; i++) x[i] = x[i] > 0.0f ? x[i] : 0.0f; }\n\n"
        case .tanh: text += "static void activate(float *x, int n) { for (int i = 0; i < n; i++) x[i] = tanhf(x[i]); }\n\n"
        case .silu: text += "static void activate(float *x, int n) { for (int i = 0; i < n; i++) x[i] = x[i] * sigmoid(x[i]); }\n\n"
        }
        return text
    }

    /// `forward`: the network on one observation, layer by layer as `ActorCriticNetwork` runs it.
    var forward: String {
        let a = architecture
        var buffers: [(String, Int)] = [("input", a.observationSize)]
        var lines: [String] = []
        let activate = a.activation != .identity
        if model.observationStatistics != nil {
            lines.append("for (int i = 0; i < POLICY_OBSERVATION_SIZE; i++) {")
            lines.append("    float v = (observation[i] - observation_shift[i]) * observation_scale[i];")
            lines.append("    input[i] = v < -10.0f ? -10.0f : v > 10.0f ? 10.0f : v;")
            lines.append("}")
        } else {
            lines.append("memcpy(input, observation, sizeof input);")
        }
        var x = "input", stage = 0
        for (index, layer) in a.torso.enumerated() {
            let name = "torso_\(index)"
            switch layer {
            case .flatten:
                continue
            case .dense:
                guard case .dense(let l) = layout.torso[stage] else { preconditionFailure("the layout's torso follows the architecture's") }
                buffers.append((name, l.outputs))
                lines.append("dense(\(name)_weight, \(name)_bias, \(l.inputs), \(l.outputs), \(x), \(name));")
                if activate { lines.append("activate(\(name), \(l.outputs));") }
            case .conv2d:
                guard case .conv2d(let c) = layout.torso[stage] else { preconditionFailure("the layout's torso follows the architecture's") }
                buffers.append((name, c.outputSize))
                lines.append("conv2d(\(name)_weight, \(name)_bias, \(c.height), \(c.width), \(c.channels), \(c.filters), \(c.kernel), \(c.stride), \(x), \(name));")
                if activate { lines.append("activate(\(name), \(c.outputSize));") }
            case .lstm:
                guard case .lstm(let l) = layout.torso[stage] else { preconditionFailure("the layout's torso follows the architecture's") }
                buffers.append((name, l.units))
                let h = "state + \(l.stateOffset)", c = "state + \(l.stateOffset + l.units)"
                lines.append("lstm_step(\(name)_weight_ih, \(name)_weight_hh, \(name)_bias_ih, \(name)_bias_hh, \(l.inputs), \(l.units), \(x), \(h), \(c), gates);")
                lines.append("memcpy(\(name), \(h), sizeof \(name));")
            }
            stage += 1
            x = name
        }
        func tower(_ layers: [Linear], prefix: String, from input: String, into last: String) {
            var x = input
            for (i, l) in layers.enumerated() {
                let name = "\(prefix)_\(i)", isLast = i == layers.count - 1
                let output = isLast ? last : name
                if !isLast { buffers.append((name, l.outputs)) }
                lines.append("dense(\(name)_weight, \(name)_bias, \(l.inputs), \(l.outputs), \(x), \(output));")
                if !isLast && activate { lines.append("activate(\(name), \(l.outputs));") }
                x = output
            }
        }
        for (i, l) in layout.trunk.enumerated() {
            let name = "trunk_\(i)"
            buffers.append((name, l.outputs))
            lines.append("dense(\(name)_weight, \(name)_bias, \(l.inputs), \(l.outputs), \(x), \(name));")
            if activate { lines.append("activate(\(name), \(l.outputs));") }
            x = name
        }
        tower(layout.actor, prefix: "actor", from: x, into: "head")
        buffers.append(("value", 1))
        tower(layout.critic, prefix: "critic", from: x, into: "value")
        lines.append("return value[0];")
        if let widest = layout.torso.compactMap({ if case .lstm(let l) = $0 { l.gateCount } else { nil } }).max() {
            buffers.append(("gates", widest))
        }
        let signature = layout.isRecurrent
            ? "static float forward(const float *observation, float *state, float *head)"
            : "static float forward(const float *observation, float *head)"
        let declarations = buffers.map { "static float \($0.0)[\($0.1)];" }
        return """
            /* The network on one observation\(layout.isRecurrent ? " from `state` (advanced in place)" : ""): writes the policy \
            head's outputs (\(a.policy.kind == .categorical ? "logits" : "Gaussian mean")) into head and returns the value. */
            \(signature) {

            """ + (declarations + lines).map { "    " + $0 }.joined(separator: "\n") + "\n}\n\n"
    }

    var api: String {
        let a = architecture, recurrent = layout.isRecurrent
        let choose = switch a.policy {
        case .categorical(let n):
            """
                int best = 0;
                for (int j = 1; j < \(n); j++)
                    if (head[j] > head[best]) best = j;
                action_out[0] = (float)best;
            """
        case .gaussian:
            "    memcpy(action_out, head, sizeof head);"
        }
        return """
            static int all_finite(const float *observation) {
                for (int i = 0; i < POLICY_OBSERVATION_SIZE; i++)
                    if (!isfinite(observation[i])) return 0;
                return 1;
            }

            int policy_act(const float *observation, float *action_out) {
                float head[\(a.policy.outputs)];
                if (!all_finite(observation)) return 1;
                forward(observation, \(recurrent ? "policy_state, " : "")head);
            \(choose)
                return 0;
            }

            float policy_value(const float *observation) {
                float head[\(a.policy.outputs)];
            \(recurrent ? "    float state[POLICY_STATE_SIZE];\n    memcpy(state, policy_state, sizeof state);\n" : "")\
                if (!all_finite(observation)) return NAN;
                return forward(observation, \(recurrent ? "state, " : "")head);
            }

            void policy_reset(void) {\(recurrent ? "\n    memset(policy_state, 0, sizeof policy_state);\n" : " ")}

            """
    }

    /// A `static const float` array, eight values per line, each printed so that it reads back as
    /// the same float.
    func array(_ name: String, values: ArraySlice<Float>, comment: String) -> String {
        var text = "/* \(comment) */\nstatic const float \(name)[\(values.count)] = {\n"
        var line = "   "
        for (i, v) in values.enumerated() {
            line += " \(v)f,"
            if i % 8 == 7 || i == values.count - 1 {
                text += line + "\n"
                line = "   "
            }
        }
        return text + "};\n\n"
    }

    func cName(_ tensorName: String) -> String { tensorName.replacingOccurrences(of: ".", with: "_") }

    func shapeText(_ shape: [Int]) -> String { "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")") }
}
