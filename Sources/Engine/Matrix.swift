/// A row-major matrix of `Float` in contiguous memory; batch-major: one row per sample.
///
/// A value type with copy-on-write storage (a Swift array). Hot code reaches the elements
/// through `withUnsafeBufferPointer` / `withUnsafeMutableBufferPointer`.
public struct Matrix: Sendable, Equatable {
    public private(set) var rows: Int
    public private(set) var columns: Int
    public var storage: [Float]

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix shape must be non-negative, got [\(rows) x \(columns)]")
        self.rows = rows
        self.columns = columns
        self.storage = [Float](repeating: value, count: rows * columns)
    }

    /// A `rows × columns` matrix over `elements` given row by row.
    public init(rows: Int, columns: Int, elements: [Float]) {
        precondition(elements.count == rows * columns,
                     "Matrix [\(rows) x \(columns)] needs \(rows * columns) elements, got \(elements.count)")
        self.rows = rows
        self.columns = columns
        self.storage = elements
    }

    /// One row per inner array; all rows must have the same length.
    public init(_ rowsOfElements: [[Float]]) {
        let columns = rowsOfElements.first?.count ?? 0
        for (i, row) in rowsOfElements.enumerated() {
            precondition(row.count == columns, "Matrix row \(i) has \(row.count) elements, row 0 has \(columns)")
        }
        self.init(rows: rowsOfElements.count, columns: columns, elements: rowsOfElements.flatMap { $0 })
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Float {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// Changes the number of rows (keeping the columns), reusing the allocation when it is large enough.
    public mutating func resize(rows newRows: Int) {
        precondition(newRows >= 0, "Matrix rows must be non-negative, got \(newRows)")
        let needed = newRows * columns
        if storage.count < needed { storage.append(contentsOf: repeatElement(0, count: needed - storage.count)) }
        else if storage.count > needed { storage.removeLast(storage.count - needed) }
        rows = newRows
    }

    public var shapeDescription: String { "[\(rows) x \(columns)]" }
}
