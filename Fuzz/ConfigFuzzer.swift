// libFuzzer entry point over the configuration reader (`a3c train --config FILE`): every input must
// load, resolve and validate like the command's, or be refused with a one-line ConfigurationError
// that names the file (and, for a key, its line); never a trap, an overflow or a memory error.
// Built and run by `make fuzz` (see README.md beside this file).
import Foundation
@testable import A3CCommands
@testable import Agents
import Environments

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfiguration(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let source = "fuzz.yml"
    guard let text = String(validating: UnsafeBufferPointer(start: start, count: count), as: UTF8.self) else { return 0 }
    let settings: TrainSettings
    do {
        settings = try TrainSettings.parse(yaml: text, source: source)
    } catch {
        let message = error.description
        guard message.hasPrefix(source), !message.contains(where: \.isNewline) else { fatalError("a refusal that does not name the file in one line: \(message)") }
        let wholeFile = message.contains("expected a mapping of settings") || message.hasPrefix("\(source) is not valid YAML")
        guard wholeFile || message.hasPrefix("\(source), line ") else { fatalError("a refusal that does not name the line: \(message)") }
        return 0
    }
    // What `a3c train` does next: the environment's defaults, the settings over them, validation,
    // and the memory the run would need (before any allocation).
    var envID = "CartPole-v1"
    if case .text(let id)? = settings["env"] { envID = id }
    guard let spec = try? Registry.spec(envID) else { return 0 }
    var h = Hyperparameters.defaults(for: spec.id, algorithm: settings.algorithm ?? .a3c)
    settings.apply(to: &h)
    guard (try? h.validate()) != nil else { return 0 }
    _ = try? Setup.checkedArchitecture(spec: spec, probe: Registry.make(spec.id), hyperparameters: h)
    // A configuration that loads prints back to one that loads to the same hyperparameters.
    let printed = TrainSettings.yaml(envID: spec.id, hyperparameters: h)
    guard let again = try? TrainSettings.parse(yaml: printed, source: "printed") else { fatalError("--print-config output does not load:\n\(printed)") }
    var h2 = Hyperparameters.defaults(for: spec.id, algorithm: again.algorithm ?? .a3c)
    again.apply(to: &h2)
    guard h2 == h else { fatalError("--print-config does not round-trip:\n\(printed)") }
    return 0
}
