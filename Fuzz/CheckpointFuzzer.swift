// libFuzzer entry point over the checkpoint reader: every input must end in a model or a
// CheckpointError, never in a trap, an overflow or a memory error (AddressSanitizer).
// Built and run by `make fuzz` (see README.md beside this file).
import Foundation
import Agents
import SeededRandom

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheckpoint(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    if let model = try? Checkpoint.decode(data, path: "fuzz input") {
        // A model that decodes must also build its policy and act once.
        guard let policy = try? model.makePolicy() else { fatalError("a decoded checkpoint could not build its policy") }
        var observation = [Float](repeating: 0, count: model.architecture.observationSize)
        var action = [Float](repeating: 0, count: model.architecture.policy.outputs)
        var rng = Xoshiro256(seed: 1)
        policy.act(&observation, deterministic: true, rng: &rng, action: &action)
    }
    return 0
}
