/// Shapes that do not fit together; the message names them and what was expected.
public struct ShapeError: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A loss or gradient that is NaN or infinite: training cannot go on from it.
public struct NonFiniteLossError: Error, Equatable, CustomStringConvertible {
    public let terms: LossTerms
    public var description: String {
        "loss is not finite (policy \(terms.policy), value \(terms.value), entropy \(terms.entropy)): " +
            "check the observations for NaN/∞ and lower the learning rate"
    }
}
