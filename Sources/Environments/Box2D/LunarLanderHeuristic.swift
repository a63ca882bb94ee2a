/// gymnasium's `heuristic(env, s)` for LunarLander: a hand-tuned controller that steers the
/// lander's angle towards the pad and its height towards 0.55·|x|, then only brakes once a leg
/// touches. A baseline: gymnasium reports a mean return above 200 for it.
public enum LunarLanderHeuristic {
    /// The angle and hover corrections the controller wants for observation `s` (8 values).
    static func corrections(_ s: UnsafeBufferPointer<Float>) -> (angle: Double, hover: Double) {
        precondition(s.count >= 8, "LunarLanderHeuristic needs the 8 LunarLander observations, got \(s.count)")
        let x = Double(s[0]), y = Double(s[1]), vx = Double(s[2]), vy = Double(s[3])
        let angle = Double(s[4]), spin = Double(s[5])
        let angleTarget = min(max(x * 0.5 + vx * 1.0, -0.4), 0.4)
        let hoverTarget = 0.55 * abs(x)
        if s[6] != 0 || s[7] != 0 { return (0, -vy * 0.5) }
        return ((angleTarget - angle) * 0.5 - spin * 1.0, (hoverTarget - y) * 0.5 - vy * 0.5)
    }

    /// The discrete action: 2 (main) when hovering matters most, else 3 or 1 to turn, else 0.
    public static func discreteAction(observation s: UnsafeBufferPointer<Float>) -> Int {
        let todo = corrections(s)
        if todo.hover > abs(todo.angle) && todo.hover > 0.05 { return 2 }
        if todo.angle < -0.05 { return 3 }
        if todo.angle > 0.05 { return 1 }
        return 0
    }

    /// The continuous action `(main, lateral)`, each clipped to [−1, 1].
    public static func continuousAction(observation s: UnsafeBufferPointer<Float>) -> (main: Float, lateral: Float) {
        let todo = corrections(s)
        return (Float(min(max(todo.hover * 20 - 1, -1), 1)), Float(min(max(-todo.angle * 20, -1), 1)))
    }
}
