import Agents
import Engine

/// A value of one `a3c train` setting, from a flag or a configuration file.
enum SettingValue: Equatable, Sendable {
    case int(Int)
    case seed(UInt64)
    case float(Float)
    case double(Double)
    case text(String)
    case flag(Bool)
    case widths([Int])
    case torso([TorsoLayer])
    /// YAML `null`: no limit, no λ, no target (only where `SettingKey.nullMeaning` says so).
    case none
}

extension SettingValue: CustomStringConvertible {
    var description: String {
        switch self {
        case .int(let v): "\(v)"
        case .seed(let v): "\(v)"
        case .float(let v): "\(v)"
        case .double(let v): "\(v)"
        case .text(let v): "\"\(v)\""
        case .flag(let v): "\(v)"
        case .widths(let v): v.isEmpty ? "none" : v.map(String.init).joined(separator: ",")
        case .torso(let v): v.isEmpty ? "none" : v.map(\.description).joined(separator: ",")
        case .none: "null"
        }
    }
}

/// One setting `a3c train` takes, under the name of its long option: its type, its valid range and
/// how it applies to `Hyperparameters`. The flags and the `--config` file share these, so both
/// check values the same way and name them the same.
struct SettingKey: Sendable {
    let name: String
    /// What a valid value is, for error messages ("an integer ≥ 1").
    let expected: String
    /// What `null` means, if the key takes it.
    let nullMeaning: String?
    /// Reads a scalar (`nil`: not of the key's type).
    let parse: @Sendable (String) -> SettingValue?
    /// True when a parsed value is in range.
    let isValid: @Sendable (SettingValue) -> Bool
}

extension SettingKey {
    static func integer(_ name: String, atLeast low: Int, nullMeaning: String? = nil) -> SettingKey {
        SettingKey(name: name, expected: "an integer ≥ \(low)", nullMeaning: nullMeaning,
                   parse: { Int($0).map(SettingValue.int) },
                   isValid: { if case .int(let v) = $0 { v >= low } else { $0 == .none } })
    }

    /// A finite Float in `valid`'s range; `null` too when `nullMeaning` says what it means.
    static func float(_ name: String, _ expected: String, nullMeaning: String? = nil,
                      _ valid: @escaping @Sendable (Float) -> Bool) -> SettingKey {
        SettingKey(name: name, expected: expected, nullMeaning: nullMeaning, parse: { Float($0).map(SettingValue.float) },
                   isValid: { if case .float(let v) = $0 { v.isFinite && valid(v) } else { nullMeaning != nil && $0 == .none } })
    }

    /// A finite Double in `valid`'s range; `null` too when `nullMeaning` says what it means.
    static func double(_ name: String, _ expected: String, nullMeaning: String? = nil,
                       _ valid: @escaping @Sendable (Double) -> Bool) -> SettingKey {
        SettingKey(name: name, expected: expected, nullMeaning: nullMeaning, parse: { Double($0).map(SettingValue.double) },
                   isValid: { if case .double(let v) = $0 { v.isFinite && valid(v) } else { nullMeaning != nil && $0 == .none } })
    }

    static func choice(_ name: String, _ choices: [String]) -> SettingKey {
        SettingKey(name: name, expected: "one of " + choices.joined(separator: ", "), nullMeaning: nil,
                   parse: { choices.contains($0) ? .text($0) : nil }, isValid: { _ in true })
    }

    static func boolean(_ name: String) -> SettingKey {
        SettingKey(name: name, expected: "true or false", nullMeaning: nil,
                   parse: { ["true": true, "false": false][$0.lowercased()].map(SettingValue.flag) }, isValid: { _ in true })
    }
}

/// The settings of one `a3c train` run by key, before they are applied to an environment's
/// defaults: from flags, from a configuration file, or both merged (flags win).
struct TrainSettings: Equatable, Sendable {
    var values: [String: SettingValue] = [:]

    /// Every key, in the order `--print-config` writes them.
    static let keys: [SettingKey] = [
        SettingKey(name: "env", expected: "a registered environment id (see `a3c envs`)", nullMeaning: nil,
                   parse: { $0.isEmpty ? nil : .text($0) }, isValid: { _ in true }),
        .choice("algo", Algorithm.allCases.map(\.rawValue)),
        .integer("workers", atLeast: 1),
        .integer("t-max", atLeast: 1),
        .float("gamma", "a number in (0, 1]") { $0 > 0 && $0 <= 1 },
        .float("gae-lambda", "a number in [0, 1]", nullMeaning: "n-step returns instead of GAE") { $0 >= 0 && $0 <= 1 },
        .float("lr", "a positive number") { $0 > 0 },
        .choice("lr-schedule", LearningRateSchedule.allCases.map(\.rawValue)),
        .choice("optimizer", OptimizerChoice.allCases.map(\.rawValue)),
        .float("epsilon", "a positive number") { $0 > 0 },
        .choice("update-mode", UpdateMode.allCases.map(\.rawValue)),
        .float("reward-scale", "a positive number") { $0 > 0 },
        .float("reward-floor", "a number", nullMeaning: "no floor") { _ in true },
        .float("entropy-coef", "a number ≥ 0") { $0 >= 0 },
        .float("value-coef", "a number ≥ 0") { $0 >= 0 },
        .float("max-grad-norm", "a number ≥ 0 (0: no clipping)") { $0 >= 0 },
        .boolean("normalize-observations"),
        .boolean("normalize-advantages"),
        SettingKey(name: "torso", expected: TorsoLayer.syntax + ", or none", nullMeaning: "no torso",
                   parse: { text in (try? TorsoLayer.parseList(text)).map(SettingValue.torso) },
                   isValid: { if case .torso = $0 { true } else { $0 == .none } }),
        SettingKey(name: "hidden", expected: "positive layer widths (e.g. 64,64 or 128; in a file also [64, 64]; none after a torso)", nullMeaning: nil,
                   parse: { text in
                       if text.trimmingCharacters(in: .whitespaces) == "none" { return .widths([]) }
                       let widths = text.split(separator: ",", omittingEmptySubsequences: false)
                           .map { Int($0.trimmingCharacters(in: .whitespaces)) }
                       return widths.allSatisfy { $0 != nil } ? .widths(widths.map { $0! }) : nil
                   },
                   isValid: { if case .widths(let w) = $0 { w.allSatisfy { $0 > 0 } } else { false } }),
        .choice("activation", Activation.allCases.map(\.rawValue)),
        .boolean("separate"),
        .float("initial-log-std", "a finite number") { $0.isFinite },
        .integer("sde-every", atLeast: 0, nullMeaning: "independent noise at every step (as 0)"),
        .double("target", "a number", nullMeaning: "the environment's reward threshold") { _ in true },
        .integer("max-steps", atLeast: 1, nullMeaning: "no step limit"),
        .integer("confirm-episodes", atLeast: 0, nullMeaning: "stopping on the training mean100 alone (as 0)"),
        .integer("confirm-every", atLeast: 0, nullMeaning: "confirming only when the training mean100 reaches the target (as 0)"),
        .double("confirm-standard-errors", "a number ≥ 0", nullMeaning: "the mean alone (as 0)") { $0 >= 0 },
        .double("max-seconds", "a positive number", nullMeaning: "no time limit") { $0 > 0 },
        SettingKey(name: "seed", expected: "an integer in 0...\(UInt64.max)", nullMeaning: nil,
                   parse: { UInt64($0).map(SettingValue.seed) }, isValid: { _ in true }),
    ]

    static func key(_ name: String) -> SettingKey? { keys.first { $0.name == name } }

    subscript(name: String) -> SettingValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// These settings with every value of `overrides` put over them.
    func overridden(by overrides: TrainSettings) -> TrainSettings {
        TrainSettings(values: values.merging(overrides.values) { $1 })
    }

    /// The first value out of range, as the key and the value's text.
    func firstInvalid() -> (key: SettingKey, value: SettingValue)? {
        for key in Self.keys {
            if let value = values[key.name], !key.isValid(value) { return (key, value) }
        }
        return nil
    }

    /// The algorithm these settings name, if any.
    var algorithm: Algorithm? {
        if case .text(let name)? = values["algo"] { Algorithm(rawValue: name) } else { nil }
    }

    /// The environment's (and algorithm's) defaults with these settings applied.
    func hyperparameters(envID: String) -> Hyperparameters {
        var h = Hyperparameters.defaults(for: envID, algorithm: algorithm ?? .a3c)
        apply(to: &h)
        return h
    }

    /// Puts every value of these settings into `h` (`env` excepted: it chooses `h`).
    func apply(to h: inout Hyperparameters) {
        for key in Self.keys {
            guard let value = values[key.name] else { continue }
            Self.apply(key.name, value, to: &h)
        }
    }

    /// Sets one checked value; the order of `keys` puts `optimizer` before `epsilon`.
    private static func apply(_ name: String, _ value: SettingValue, to h: inout Hyperparameters) {
        switch (name, value) {
        case ("algo", .text(let v)): h.algorithm = Algorithm(rawValue: v)!
        case ("workers", .int(let v)): h.workers = v
        case ("t-max", .int(let v)): h.tMax = v
        case ("gamma", .float(let v)): h.gamma = v
        case ("gae-lambda", .float(let v)): h.gaeLambda = v
        case ("gae-lambda", .none): h.gaeLambda = nil
        case ("lr", .float(let v)): h.learningRate = v
        case ("lr-schedule", .text(let v)): h.learningRateSchedule = LearningRateSchedule(rawValue: v)!
        case ("optimizer", .text(let v)): h.optimizer = OptimizerChoice(rawValue: v)!.rule
        case ("epsilon", .float(let v)): h.optimizer = h.optimizer.with(epsilon: v)
        case ("update-mode", .text(let v)): h.updateMode = UpdateMode(rawValue: v)!
        case ("reward-scale", .float(let v)): h.rewardScale = v
        case ("reward-floor", .float(let v)): h.rewardFloor = v
        case ("reward-floor", .none): h.rewardFloor = nil
        case ("entropy-coef", .float(let v)): h.entropyCoefficient = v
        case ("value-coef", .float(let v)): h.valueCoefficient = v
        case ("max-grad-norm", .float(let v)): h.maxGradientNorm = v == 0 ? nil : v
        case ("normalize-observations", .flag(let v)): h.normalizeObservations = v
        case ("normalize-advantages", .flag(let v)): h.normalizeAdvantages = v
        case ("torso", .torso(let v)): h.torso = v.isEmpty ? nil : v
        case ("torso", .none): h.torso = nil
        case ("hidden", .widths(let v)): h.hidden = v
        case ("activation", .text(let v)): h.activation = Activation(rawValue: v)!
        case ("separate", .flag(let v)):
            h.sharedTrunk = !v
            h.initialization = v ? .orthogonal : .pytorch
        case ("initial-log-std", .float(let v)): h.initialLogStd = v
        case ("sde-every", .int(let v)): h.stateDependentNoiseInterval = v == 0 ? nil : v
        case ("sde-every", .none): h.stateDependentNoiseInterval = nil
        case ("target", .double(let v)): h.targetReturn = v
        case ("target", .none): h.targetReturn = nil
        case ("max-steps", .int(let v)): h.maxSteps = v
        case ("max-steps", .none): h.maxSteps = nil
        case ("confirm-episodes", .int(let v)): h.confirmationEpisodes = v == 0 ? nil : v
        case ("confirm-episodes", .none): h.confirmationEpisodes = nil
        case ("confirm-every", .int(let v)): h.confirmationInterval = v == 0 ? nil : v
        case ("confirm-every", .none): h.confirmationInterval = nil
        case ("confirm-standard-errors", .double(let v)): h.confirmationStandardErrors = v == 0 ? nil : v
        case ("confirm-standard-errors", .none): h.confirmationStandardErrors = nil
        case ("max-seconds", .double(let v)): h.maxSeconds = v
        case ("max-seconds", .none): h.maxSeconds = nil
        case ("seed", .seed(let v)): h.seed = v
        default: break  // env chooses the defaults `h` starts from
        }
    }
}
