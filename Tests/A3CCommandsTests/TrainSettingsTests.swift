import XCTest
import Foundation
@testable import A3CCommands
import Agents
import Engine
import Environments

final class TrainSettingsTests: XCTestCase {
    func temporaryFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("a3c-config-\(UUID().uuidString).yml")
        try Data(text.utf8).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func testFlagsOverrideTheFileWhichOverridesTheDefaults() throws {
        let path = try temporaryFile("env: CartPole-v1\nalgo: a2c\nlr: 0.002\nworkers: 3\nhidden: [32, 16]\ngae-lambda: 0.9\n")
        let command = try TrainCommand.parse(["--config", path, "--lr", "0.005", "--seed", "9"])
        let (envID, h) = try command.resolved()
        var expected = Hyperparameters.defaults(for: "CartPole-v1", algorithm: .a2c)
        expected.learningRate = 0.005  // the flag
        expected.seed = 9              // the flag
        expected.workers = 3           // the file
        expected.hidden = [32, 16]
        expected.gaeLambda = 0.9
        XCTAssertEqual(envID, "CartPole-v1")
        XCTAssertEqual(h, expected)

        let other = try TrainCommand.parse(["Acrobot-v1", "--config", path, "--algo", "a3c"]).resolved()
        XCTAssertEqual(other.envID, "Acrobot-v1", "the argument overrides the file's env")
        XCTAssertEqual(other.hyperparameters.algorithm, .a3c)
        XCTAssertEqual(other.hyperparameters.optimizer, Hyperparameters.defaults(for: "Acrobot-v1").optimizer,
                       "the algorithm chooses the defaults the file's values go over")
    }

    func testPrintedConfigurationLoadsBackToTheSameHyperparameters() throws {
        var custom = Hyperparameters.defaults(for: "CartPole-v1")
        custom.optimizer = .sgd
        custom.updateMode = .hogwild
        custom.maxGradientNorm = nil
        custom.targetReturn = 300.5
        custom.maxSteps = nil
        custom.maxSeconds = 60
        custom.learningRate = 1e-5
        custom.seed = .max
        custom.confirmationEpisodes = nil
        var confirmingEvery = custom
        confirmingEvery.confirmationEpisodes = 20
        confirmingEvery.confirmationInterval = 12_345
        confirmingEvery.rewardFloor = -1.5
        confirmingEvery.confirmationStandardErrors = 2.5
        custom.confirmationStandardErrors = nil
        var withTorso = custom
        withTorso.torso = [.conv2d(filters: 16, kernel: 3, stride: 2), .flatten, .dense(units: 32), .lstm(units: 8)]
        withTorso.hidden = []
        var cases = [("CartPole-v1", confirmingEvery), ("CartPole-v1", withTorso)]
        cases.append(("CartPole-v1", custom))
        for id in Registry.ids {
            for algorithm in Algorithm.allCases { cases.append((id, Hyperparameters.defaults(for: id, algorithm: algorithm))) }
        }
        for (id, h) in cases {
            let yaml = TrainSettings.yaml(envID: id, hyperparameters: h)
            let settings = try TrainSettings.parse(yaml: yaml, source: "printed")
            XCTAssertEqual(settings["env"], .text(id))
            // Applied over another environment's defaults: the file says everything.
            XCTAssertEqual(settings.hyperparameters(envID: id == "Pendulum-v1" ? "CartPole-v1" : "Pendulum-v1"), h, yaml)
        }
    }

    /// `--torso` and the `torso` key: a comma list or a YAML list; a bad layer is named with its line.
    func testTorsoFromFlagsAndFiles() throws {
        let flag = try TrainCommand.parse(["CartPole-v1", "--torso", "dense:32,dense:16", "--hidden", "none"]).resolved()
        XCTAssertEqual(flag.hyperparameters.torso, [.dense(units: 32), .dense(units: 16)])
        XCTAssertEqual(flag.hyperparameters.hidden, [])
        let list = try TrainSettings.parse(yaml: "torso: [\"conv:8:3\", flatten, \"dense:64\"]\n", source: "run.yml")
        XCTAssertEqual(list["torso"], .torso([.conv2d(filters: 8, kernel: 3, stride: 1), .flatten, .dense(units: 64)]))
        XCTAssertEqual(try TrainSettings.parse(yaml: "torso: null\n", source: "run.yml")["torso"], SettingValue.none)
        XCTAssertThrowsError(try TrainSettings.parse(yaml: "env: CartPole-v1\ntorso: \"conv:8\"\n", source: "run.yml")) { error in
            XCTAssertTrue("\(error)".contains("line 2") && "\(error)".contains("torso layer \"conv:8\""), "\(error)")
        }
        XCTAssertThrowsError(try TrainCommand.parse(["CartPole-v1", "--torso", "lstm:0"]).resolved()) { error in
            XCTAssertTrue("\(error)".contains("units must be a positive whole number"), "\(error)")
        }
    }

    func testUnknownKeysNameTheClosestKnownKey() {
        for (yaml, message) in [("t_max: 5", "line 1: unknown key \"t_max\"; did you mean \"t-max\"?"),
                                ("env: CartPole-v1\nlearning-rate: 0.1", "line 2: unknown key \"learning-rate\"; did you mean \"lr\"?"),
                                ("gama: 0.9", "did you mean \"gamma\"?"),
                                ("entropyCoefficient: 0", "did you mean \"entropy-coef\"?"),
                                ("max_step: 10", "did you mean \"max-steps\"?"),
                                ("zzzzzzzzzzzzzz: 1", "unknown key \"zzzzzzzzzzzzzz\". The keys are the long options of `a3c train`: env, algo")] {
            XCTAssertThrowsError(try TrainSettings.parse(yaml: yaml, source: "run.yml"), yaml) { error in
                XCTAssertTrue("\(error)".contains("run.yml, " + message) || "\(error)".contains(message), "\(error)")
            }
        }
    }

    func testBadValuesNameTheKeyAndTheExpectedTypeOrRange() {
        for (yaml, message) in [
            ("gamma: 1.5", "run.yml, line 1: gamma must be a number in (0, 1]; got \"1.5\""),
            ("workers: two", "workers must be an integer ≥ 1; got \"two\""),
            ("workers: 0", "workers must be an integer ≥ 1; got \"0\""),
            ("workers: null", "workers must be an integer ≥ 1; got null"),
            ("algo: a4c", "algo must be one of a3c, a2c; got \"a4c\""),
            ("optimizer: [adam]", "optimizer must be one of adam, rmsprop, sgd; got a list"),
            ("separate: maybe", "separate must be true or false; got \"maybe\""),
            ("hidden: [64, -1]", "hidden must be positive layer widths"),
            ("hidden: {a: 1}", "hidden must be positive layer widths (e.g. 64,64 or 128; in a file also [64, 64]; none after a torso); got a mapping"),
            ("max-steps: 1.5", "max-steps must be an integer ≥ 1, or null for no step limit; got \"1.5\""),
            ("lr: .inf", "lr must be a positive number; got \".inf\""),
            ("lr: 0.1\nlr: 0.2", "run.yml, line 1: a key appears more than once in one mapping: lr"),
            ("- lr: 0.1", "run.yml: expected a mapping of settings"),
            ("lr: [0.1", "run.yml, line 2, column 1: not valid YAML: while parsing a flow sequence in line 1, column 5: did not find expected ',' or ']'"),
            ("hidden: " + String(repeating: "[", count: 300_000), "run.yml, line 1, column"),
            // Quoted values whose blank lines YAML keeps as line breaks (found by `make fuzz`).
            ("torso: \"conv:16:3,d\r\r\r\rense:128\"", "run.yml, line 1: torso must be a comma list"),
            ("activation: \"re\n\n\nlu\"", "got a value with a line break or control character"),
            ("\"l\\u2028r\": 0.1", "run.yml, line 1: a key must be a plain name"),
        ] {
            XCTAssertThrowsError(try TrainSettings.parse(yaml: yaml, source: "run.yml"), yaml) { error in
                XCTAssertTrue("\(error)".contains(message), "\(yaml.prefix(40)): \(error)")
                XCTAssertFalse("\(error)".contains(where: \.isNewline), "one line: \(error)")
                XCTAssertLessThan("\(error)".count, 1200, "a short message: \(error)")
            }
        }
    }

    func testNullsWhereAKeyTakesThem() throws {
        let settings = try TrainSettings.parse(yaml: "gae-lambda: null\ntarget: ~\nmax-seconds:\nmax-steps: null\nlr-schedule: constant",
                                               source: "run.yml")
        let h = settings.hyperparameters(envID: "LunarLander-v3")
        XCTAssertNil(h.gaeLambda)
        XCTAssertNil(h.targetReturn)
        XCTAssertNil(h.maxSeconds)
        XCTAssertNil(h.maxSteps)
        XCTAssertEqual(try TrainSettings.parse(yaml: "", source: "empty.yml"), TrainSettings())
    }

    func testMissingFilesAndAMissingEnvironmentAreClearErrors() throws {
        XCTAssertThrowsError(try TrainCommand.parse(["--config", "/no/such/run.yml"]).resolved()) {
            XCTAssertEqual("\($0)", "cannot read the configuration /no/such/run.yml: no such file")
        }
        let path = try temporaryFile("lr: 0.1\n")
        XCTAssertThrowsError(try TrainCommand.parse(["--config", path]).resolved()) {
            XCTAssertTrue("\($0)".contains("has no `env:`"), "\($0)")
        }
        XCTAssertThrowsError(try TrainCommand.parse([])) { error in
            XCTAssertTrue(TrainCommand.message(for: error).contains("give an environment id"), TrainCommand.message(for: error))
        }
    }
}
