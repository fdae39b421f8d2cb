import GaitCore

/// A small text CSV table (RFC 4180: comma-separated, fields optionally quoted, `""` for a quote
/// inside quotes, CRLF or LF line ends), with the 1-based line each row started on. It reads the
/// tables people and our own writers make around a batch: `--metadata` files and the `errors.csv`
/// that `gait merge` joins. Recordings are not read with it (GaitIngest reads those, fast).
public struct CSVTable: Sendable {
    /// The first row.
    public var header: [String]
    /// The other rows, each with the line it starts on. Blank lines are skipped.
    public var rows: [(line: Int, fields: [String])]

    /// The 0-based column whose header is one of `names` (case-insensitive, surrounding spaces
    /// ignored), the first of `names` that is present; nil when none is.
    public func column(_ names: String...) -> Int? {
        let normalized = header.map { Substring($0).trimmingSpaces().lowercased() }
        for n in names { if let i = normalized.firstIndex(of: n.lowercased()) { return i } }
        return nil
    }

    /// Parses `bytes`; `path` names the file in errors. A UTF-8 byte-order mark is ignored.
    public static func parse(_ bytes: [UInt8], path: String) throws(GaitError) -> CSVTable {
        var records: [(Int, [String])] = []
        var i = bytes.starts(with: utf8ByteOrderMark) ? 3 : 0
        var line = 1
        while i < bytes.count {
            let startLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            var endOfRecord = false
            while i < bytes.count && !endOfRecord {
                let b = bytes[i]
                if quoted {
                    if b == UInt8(ascii: "\"") {
                        if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                            field.append(b)
                            i += 2
                            continue
                        }
                        quoted = false
                        i += 1
                        if i < bytes.count, ![UInt8(ascii: ","), 0x0A, 0x0D].contains(bytes[i]) {
                            throw GaitError(.invalidInput, "text after a closing quote", file: path, line: line,
                                            column: fields.count + 1)
                        }
                        continue
                    }
                    if b == 0x0A { line += 1 }
                    field.append(b)
                    i += 1
                    continue
                }
                switch b {
                case UInt8(ascii: "\"") where field.isEmpty:
                    quoted = true
                    i += 1
                case UInt8(ascii: ","):
                    fields.append(String(decoding: field, as: UTF8.self))
                    field = []
                    i += 1
                case 0x0D, 0x0A:
                    if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                    i += 1
                    line += 1
                    endOfRecord = true
                default:
                    field.append(b)
                    i += 1
                }
            }
            if quoted {
                throw GaitError(.invalidInput, "a quoted field is not closed", file: path, line: startLine,
                                column: fields.count + 1)
            }
            fields.append(String(decoding: field, as: UTF8.self))
            if fields.count == 1 && fields[0].isEmpty { continue }  // blank line
            records.append((startLine, fields))
        }
        guard let first = records.first else { throw GaitError(.invalidInput, "the table is empty: no header", file: path, line: 1) }
        return CSVTable(header: first.1, rows: records.dropFirst().map { (line: $0.0, fields: $0.1) })
    }
}
