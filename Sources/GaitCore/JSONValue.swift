/// A JSON value with object keys in a fixed order, so output is stable and diffable.
/// Serialization lives in GaitOutput; this type is what results are turned into.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let v): hasher.combine(v)
        case .int(let v): hasher.combine(v)
        case .number(let v): hasher.combine(v)
        case .string(let v): hasher.combine(v)
        case .array(let v): hasher.combine(v)
        case .object(let v): for (k, x) in v { hasher.combine(k); hasher.combine(x) }
        }
    }

    /// The value of `key` in an object, or nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }
}

/// A member of a JSON object to be written without first building its whole value: long lists
/// (a week's steps) are produced one element at a time (`JSONWriter.stream`).
public enum JSONMember {
    case value(JSONValue)
    /// An array of `count` elements, `element(i)` made when it is written.
    case items(count: Int, element: (Int) -> JSONValue)

    /// The whole value (for callers that need the tree).
    public var value: JSONValue {
        switch self {
        case .value(let v): return v
        case .items(let n, let element): return .array((0..<n).map(element))
        }
    }

    /// The elements of `records` as JSON, made one at a time.
    public static func records<R: FieldRecord>(_ records: [R]) -> JSONMember {
        .items(count: records.count) { records[$0].json }
    }
}

/// Conversions used by field definitions: optionals become `null`.
extension JSONValue {
    public init(_ v: Double?) { self = v.map { $0.isFinite ? .number($0) : .null } ?? .null }
    public init(_ v: Int?) { self = v.map { .int($0) } ?? .null }
    public init(_ v: String?) { self = v.map { .string($0) } ?? .null }
    public init(_ v: Bool?) { self = v.map { .bool($0) } ?? .null }
    public init(_ v: Side?) { self = v.map { .string($0.rawValue) } ?? .null }
}

/// One named output field of a record type. Each record type lists its fields once; the JSON,
/// CSV and text writers and the documentation all read that one list (`FieldRecord.fields`).
public struct Field<Root>: Sendable {
    public let name: String
    public let value: @Sendable (Root) -> JSONValue

    public init(_ name: String, _ value: @escaping @Sendable (Root) -> JSONValue) {
        self.name = name
        self.value = value
    }
}

/// A result type whose serialized form is its list of fields, in order.
public protocol FieldRecord {
    static var fields: [Field<Self>] { get }
}

extension FieldRecord {
    public var json: JSONValue { .object(Self.fields.map { ($0.name, $0.value(self)) }) }
}
