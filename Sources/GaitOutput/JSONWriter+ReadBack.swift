import GaitCore

extension JSONWriter {
    /// `value` as it reads back after this writer has written it (`JSONReader.parse` of
    /// `string(value)`), without the text: numbers rounded to `decimals` places, whole numbers as
    /// `.int`, non-finite numbers as null. A report drawn from a fresh analysis then equals the
    /// one drawn from the JSON document that analysis writes.
    public func readBack(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let d):
            let text = Self.format(d, decimals: decimals)
            if let i = Int(text) { return .int(i) }
            return Double(text).map(JSONValue.number) ?? .null
        case .array(let items): return .array(items.map(readBack))
        case .object(let members): return .object(members.map { ($0.0, readBack($0.1)) })
        case .null, .bool, .int, .string: return value
        }
    }
}
