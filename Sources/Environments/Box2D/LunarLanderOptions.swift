/// gymnasium's LunarLander keyword options (`gravity`, `enable_wind`, `wind_power`, `turbulence_power`).
public struct LunarLanderOptions: Sendable, Equatable {
    /// Vertical gravity in m/s², strictly between −12 and 0.
    public let gravity: Double
    /// Whether wind and turbulence push the lander while neither leg touches the ground.
    public let enableWind: Bool
    /// The largest horizontal wind force (gymnasium recommends 0 to 20).
    public let windPower: Double
    /// The largest turbulence torque (gymnasium recommends 0 to 2).
    public let turbulencePower: Double

    /// gymnasium's defaults: gravity −10, no wind, wind power 15, turbulence power 1.5.
    public static let gymnasium = LunarLanderOptions(uncheckedGravity: -10, enableWind: false, windPower: 15, turbulencePower: 1.5)

    /// Throws when gravity is outside (−12, 0) or a power is not finite; like gymnasium, powers
    /// outside the recommended ranges are accepted.
    public init(gravity: Double = -10, enableWind: Bool = false, windPower: Double = 15, turbulencePower: Double = 1.5) throws(LunarLanderOptionsError) {
        guard gravity > -12, gravity < 0 else { throw .gravity(gravity) }
        guard windPower.isFinite else { throw .windPower(windPower) }
        guard turbulencePower.isFinite else { throw .turbulencePower(turbulencePower) }
        self.init(uncheckedGravity: gravity, enableWind: enableWind, windPower: windPower, turbulencePower: turbulencePower)
    }

    private init(uncheckedGravity gravity: Double, enableWind: Bool, windPower: Double, turbulencePower: Double) {
        self.gravity = gravity
        self.enableWind = enableWind
        self.windPower = windPower
        self.turbulencePower = turbulencePower
    }
}

/// An option value LunarLander cannot use; the message names the value and the accepted range.
public enum LunarLanderOptionsError: Error, Equatable, CustomStringConvertible {
    case gravity(Double)
    case windPower(Double)
    case turbulencePower(Double)

    public var description: String {
        switch self {
        case .gravity(let g): "LunarLander: gravity \(g) is invalid: expected a value strictly between -12 and 0"
        case .windPower(let w): "LunarLander: wind power \(w) is invalid: expected a finite value (0 to 20 recommended)"
        case .turbulencePower(let t): "LunarLander: turbulence power \(t) is invalid: expected a finite value (0 to 2 recommended)"
        }
    }
}
