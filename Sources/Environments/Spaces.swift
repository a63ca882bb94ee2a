/// A box of real vectors: each component lies in `low[i]...high[i]` (bounds may be infinite).
public struct BoxSpace: Sendable, Equatable, CustomStringConvertible {
    public var low: [Float]
    public var high: [Float]
    /// The components' shape, e.g. `[8]` or a board's `[10, 10, 4]` (row-major, channels last).
    public var shape: [Int]

    /// A box over `low.count` components, shaped `shape` (a vector when nil).
    public init(low: [Float], high: [Float], shape: [Int]? = nil) {
        precondition(low.count == high.count, "Box bounds differ in length: \(low.count) vs \(high.count)")
        let shape = shape ?? [low.count]
        precondition(!shape.isEmpty && shape.allSatisfy { $0 > 0 } && shape.reduce(1, *) == low.count,
                     "Box shape \(shape) does not hold its \(low.count) components")
        self.low = low
        self.high = high
        self.shape = shape
    }

    /// Number of components.
    public var size: Int { low.count }

    public func contains(_ x: [Float]) -> Bool {
        x.count == size && x.indices.allSatisfy { low[$0] <= x[$0] && x[$0] <= high[$0] }
    }

    /// Bounds at Float's largest magnitude print as `-inf`/`inf`, as gymnasium prints them.
    /// gymnasium's form: one bound for all components when they share it (`Box(0.0, 1.0, (10, 10, 4))`),
    /// else every bound.
    public var description: String {
        func value(_ v: Float) -> String { abs(v) >= .greatestFiniteMagnitude ? (v < 0 ? "-inf" : "inf") : "\(v)" }
        func bounds(_ values: [Float]) -> String {
            if let first = values.first, values.allSatisfy({ $0 == first }) { return value(first) }
            return "[" + values.map(value).joined(separator: ", ") + "]"
        }
        return "Box(\(bounds(low)), \(bounds(high)), shape: \(BoxSpace.describe(shape)))"
    }

    /// A shape as gymnasium prints it: `(4,)`, `(10, 10, 4)`.
    public static func describe(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}

/// What an environment accepts as an action, as gymnasium's `Discrete(n)` and `Box`.
public enum ActionSpace: Sendable, Equatable, CustomStringConvertible {
    case discrete(Int)
    case box(BoxSpace)

    /// Discrete: the number of actions; box: the action's length.
    public var size: Int {
        switch self {
        case .discrete(let n): n
        case .box(let box): box.size
        }
    }

    public var isDiscrete: Bool {
        if case .discrete = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .discrete(let n): "Discrete(\(n))"
        case .box(let box): box.description
        }
    }
}

/// One action, for the convenience API; the hot path passes an `Int` or a buffer instead.
public enum Action: Sendable, Equatable, CustomStringConvertible {
    case discrete(Int)
    case continuous([Float])

    public var description: String {
        switch self {
        case .discrete(let a): "\(a)"
        case .continuous(let a): "\(a)"
        }
    }
}
