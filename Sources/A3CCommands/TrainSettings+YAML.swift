import Foundation
import Agents
import Engine
import Yams

/// Why a configuration file was refused: the file, the line, the key and what is expected.
struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension TrainSettings {
    /// Larger configuration files are refused before reading (a complete one is about 1 KiB).
    static let maximumFileBytes = 1 << 20

    /// Reads the YAML configuration file at `path`.
    static func load(path: String) throws(ConfigurationError) -> TrainSettings {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigurationError("cannot read the configuration \(path): no such file")
        }
        guard !isDirectory.boolValue else { throw ConfigurationError("cannot read the configuration \(path): it is a directory") }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maximumFileBytes else {
            throw ConfigurationError("cannot read the configuration \(path): \(size) bytes, more than the limit of \(maximumFileBytes)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("cannot read the configuration \(path): permission denied or not a regular file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigurationError("\(path): not UTF-8 text") }
        return try parse(yaml: text, source: path)
    }

    /// Parses a YAML mapping of settings; `source` names it in error messages.
    static func parse(yaml: String, source: String) throws(ConfigurationError) -> TrainSettings {
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw ConfigurationError(yamlProblem(error, source: source))
        }
        guard let root else { return TrainSettings() }
        guard case .mapping(let mapping) = root else {
            throw ConfigurationError("\(source): expected a mapping of settings, one `key: value` per line (e.g. `lr: 0.001`)")
        }
        var settings = TrainSettings()
        for (keyNode, valueNode) in mapping {
            let at = "\(source), line \(keyNode.mark?.line ?? 0)"
            guard let name = keyNode.scalar?.string, isOneLine(name) else { throw ConfigurationError("\(at): a key must be a plain name") }
            guard let key = key(name) else {
                let hint = closestKey(to: name).map { "; did you mean \"\($0)\"?" } ?? "."
                throw ConfigurationError("\(at): unknown key \"\(name)\"\(hint) The keys are the long options of `a3c train`: " +
                                         keys.map(\.name).joined(separator: ", "))
            }
            settings[name] = try value(of: valueNode, for: key, at: at)
        }
        return settings
    }

    /// A YAML syntax error as one line that names the file, line and column (Yams's own text
    /// quotes the offending line, however long).
    private static func yamlProblem(_ error: any Error, source: String) -> String {
        func oneLine(_ text: String) -> String {
            text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }
        switch error as? YamlError {
        case let .scanner(context, problem, mark, _)?, let .parser(context, problem, mark, _)?,
             let .composer(context, problem, mark, _)?:
            let detail = ((context.map { [oneLine($0.description)] } ?? []) + [oneLine(problem)]).joined(separator: ": ")
            return "\(source), line \(mark.line), column \(mark.column): not valid YAML: \(detail)"
        case let .duplicatedKeysInMapping(duplicates, context)?:
            return "\(source), line \(context.mark.line): a key appears more than once in one mapping: "
                + duplicates.sorted().joined(separator: ", ")
        default:
            return "\(source) is not valid YAML: " + oneLine(String(describing: error).prefix(500).description)
        }
    }

    /// The checked value of one key: a scalar, `null` where the key takes it, or for `hidden` a list.
    private static func value(of node: Node, for key: SettingKey, at: String) throws(ConfigurationError) -> SettingValue {
        func invalid(_ got: String) -> ConfigurationError {
            ConfigurationError("\(at): \(key.name) must be \(key.expected)" +
                               (key.nullMeaning.map { ", or null for \($0)" } ?? "") + "; got \(got)")
        }
        let text: String
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                guard key.nullMeaning != nil else { throw invalid("null") }
                return .none
            }
            text = scalar.string
        case .sequence(let sequence) where key.name == "hidden" || key.name == "torso":
            let items = sequence.map { $0.scalar?.string ?? "?" }
            text = items.isEmpty ? "none" : items.joined(separator: ",")
        default:
            throw invalid(node.sequence != nil ? "a list" : "a mapping")
        }
        guard isOneLine(text) else { throw invalid("a value with a line break or control character") }
        if key.name == "torso" {
            do { return .torso(try TorsoLayer.parseList(text)) } catch {
                throw ConfigurationError("\(at): torso: \(error.description); expected \(key.expected)")
            }
        }
        guard let value = key.parse(text), key.isValid(value) else { throw invalid("\"\(text)\"") }
        return value
    }

    /// Whether `text` has no line breaks and no control characters: every setting is one line, and
    /// a refusal quotes it on the one line of its message.
    private static func isOneLine(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in
            [.control, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory)
        }
    }

    /// `Hyperparameters`' property names, which a user may write for the option names; only
    /// for suggesting the right key.
    static let propertyNames = ["algorithm": "algo", "environment": "env", "envid": "env", "tmax": "t-max",
                                "gaelambda": "gae-lambda", "learningrate": "lr", "learningrateschedule": "lr-schedule",
                                "updatemode": "update-mode", "rewardscale": "reward-scale", "rewardfloor": "reward-floor", "entropycoefficient": "entropy-coef",
                                "valuecoefficient": "value-coef", "maxgradientnorm": "max-grad-norm", "sharedtrunk": "separate",
                                "targetreturn": "target", "layers": "torso", "initiallogstd": "initial-log-std",
                                "statedependentnoiseinterval": "sde-every", "maxsteps": "max-steps",
                                "maxseconds": "max-seconds", "confirmationepisodes": "confirm-episodes",
                                "confirmationinterval": "confirm-every",
                                "confirmationstandarderrors": "confirm-standard-errors"]

    /// The known key nearest to `name` by edit distance (ignoring case, `-` and `_`), counting
    /// `Hyperparameters`' property names as spellings of their keys; nil when none is near.
    static func closestKey(to name: String) -> String? {
        func normalised(_ text: String) -> [Character] { Array(text.lowercased().filter { $0 != "-" && $0 != "_" }) }
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var previous = Array(0...b.count)
            for i in 0..<a.count {
                var current = [i + 1] + [Int](repeating: 0, count: b.count)
                for j in 0..<b.count {
                    current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a[i] == b[j] ? 0 : 1))
                }
                previous = current
            }
            return previous[b.count]
        }
        let target = normalised(name)
        let spellings = keys.map { ($0.name, $0.name) } + propertyNames.map { ($0.key, $0.value) }
        let scored = spellings.map { (key: $0.1, distance: distance(normalised($0.0), target)) }
        guard let best = scored.min(by: { ($0.distance, $0.key) < ($1.distance, $1.key) }),
              best.distance <= max(2, target.count / 3) else { return nil }
        return best.key
    }

    /// Every setting of a run as a configuration file that `--config` loads back to the same
    /// hyperparameters (`a3c train --print-config`).
    static func yaml(envID: String, hyperparameters h: Hyperparameters) -> String {
        func number(_ value: Float) -> String { yamlNumber("\(value)") }
        func number(_ value: Double) -> String { yamlNumber("\(value)") }
        var lines = [
            "# a3c train configuration: `a3c train --config FILE`. The keys are the long options of",
            "# `a3c train`; options given on the command line override this file.",
            "env: \(envID)",
            "algo: \(h.algorithm.rawValue)",
            "workers: \(h.workers)",
            "t-max: \(h.tMax)",
            "gamma: \(number(h.gamma))",
            "gae-lambda: \(h.gaeLambda.map(number) ?? "null")" + (h.gaeLambda == nil ? "  # n-step returns" : ""),
            "lr: \(number(h.learningRate))",
            "lr-schedule: \(h.learningRateSchedule.rawValue)",
            "optimizer: \(OptimizerChoice(h.optimizer).rawValue)",
        ]
        if let epsilon = h.optimizer.epsilon { lines.append("epsilon: \(number(epsilon))") }
        lines += [
            "update-mode: \(h.updateMode.rawValue)",
            "reward-scale: \(number(h.rewardScale))",
            "reward-floor: \(h.rewardFloor.map(number) ?? "null")" + (h.rewardFloor == nil ? "  # none" : ""),
            "entropy-coef: \(number(h.entropyCoefficient))",
            "value-coef: \(number(h.valueCoefficient))",
            "max-grad-norm: \(number(h.maxGradientNorm ?? 0))" + (h.maxGradientNorm == nil ? "  # no clipping" : ""),
            "normalize-observations: \(h.normalizeObservations)",
            "normalize-advantages: \(h.normalizeAdvantages)",
            "torso: " + ((h.torso ?? []).isEmpty ? "null  # none" : "\"" + h.torso!.map(\.description).joined(separator: ",") + "\""),
            "hidden: [\(h.hidden.map(String.init).joined(separator: ", "))]",
            "activation: \(h.activation.rawValue)",
            "separate: \(!h.sharedTrunk)",
            "initial-log-std: \(number(h.initialLogStd))  # Gaussian policies only",
            "sde-every: \(h.stateDependentNoiseInterval ?? 0)" + (h.stateDependentNoiseInterval == nil ? "  # independent noise at every step" : ""),
            "target: \(h.targetReturn.map(number) ?? "null")" + (h.targetReturn == nil ? "  # the environment's reward threshold" : ""),
            "max-steps: \(h.maxSteps.map(String.init) ?? "null")" + (h.maxSteps == nil ? "  # no limit" : ""),
            "confirm-episodes: \(h.confirmationEpisodes ?? 0)" + (h.confirmationEpisodes == nil ? "  # stop on the training mean100 alone" : ""),
            "confirm-every: \(h.confirmationInterval ?? 0)" + (h.confirmationInterval == nil ? "  # only when the mean100 reaches the target" : ""),
            "confirm-standard-errors: \(number(h.confirmationStandardErrors ?? 0))" + (h.confirmationStandardErrors == nil ? "  # the mean alone" : ""),
            "max-seconds: \(h.maxSeconds.map(number) ?? "null")" + (h.maxSeconds == nil ? "  # no limit" : ""),
            "seed: \(h.seed)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Swift's shortest round-tripping digits in YAML 1.1's float form, which needs a decimal point
    /// (`1e-05` would read as a string elsewhere; `1.0e-05` does not).
    private static func yamlNumber(_ text: String) -> String {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<e].contains(".") else { return text }
        return text[..<e] + ".0" + text[e...]
    }
}

extension OptimizerChoice {
    /// The name of a rule's kind.
    init(_ rule: OptimizerRule) {
        switch rule {
        case .adam: self = .adam
        case .rmsprop: self = .rmsprop
        case .sgd: self = .sgd
        }
    }
}

extension OptimizerRule {
    /// The rule's ε (nil for SGD, which has none).
    var epsilon: Float? {
        switch self {
        case let .adam(_, _, epsilon), let .rmsprop(_, epsilon): epsilon
        case .sgd: nil
        }
    }
}
