import GaitCore

/// Typed reads of a parsed document. Each returns nil where the value is absent, null or of
/// another type, so a reader of a document written by an older or newer writer (or by hand)
/// degrades to "not available" instead of trapping.
extension JSONValue {
    /// A number: `.number`, or `.int` (a whole number written without a fraction).
    public var doubleValue: Double? {
        switch self {
        case .number(let d): return d.isFinite ? d : nil
        case .int(let i): return Double(i)
        default: return nil
        }
    }

    /// A whole number: `.int`, or a `.number` with no fraction.
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .number(let d): return d.isFinite && d == d.rounded() && abs(d) < 1e15 ? Int(d) : nil
        default: return nil
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The members of an object, in order; nil for any other value.
    public var membersValue: [(String, JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
