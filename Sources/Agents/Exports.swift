// `Policy.act(_:deterministic:rng:action:)` and `Hyperparameters` use the project's generator:
// users of Agents get it without depending on SeededRandom themselves.
@_exported import SeededRandom
