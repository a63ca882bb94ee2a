import Environments
import SeededRandom

extension Environment {
    /// One step with an action of `space` (this environment's) drawn by `rng` as gymnasium's
    /// `sample()` draws it; a continuous action is written into `action` (`space.size` components).
    mutating func stepRandomly(_ space: ActionSpace, rng: inout Xoshiro256, action: UnsafeMutableBufferPointer<Float>,
                               observation: UnsafeMutableBufferPointer<Float>) -> StepResult {
        if space.isDiscrete {
            return try! step(discrete: space.sampleDiscrete(using: &rng), observation: observation)
        }
        space.sampleContinuous(using: &rng, into: action)
        return try! step(continuous: UnsafeBufferPointer(action), observation: observation)
    }
}
