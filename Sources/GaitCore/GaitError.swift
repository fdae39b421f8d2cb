/// The errors that bad input or an impossible analysis produce. Programmer errors trap instead.
///
/// The CLI maps `kind` to the exit code of the contract (usage/invalid input: 2; read but not
/// analysable: 1) and prints `description` as one line on stderr.
public struct GaitError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// Bad command-line usage (exit 2).
        case usage
        /// The input cannot be read as a recording (exit 2).
        case invalidInput
        /// The input was read but could not be analysed (exit 1).
        case analysisFailed
    }

    public var kind: Kind
    public var message: String
    /// The file the error is about; `-` for standard input.
    public var file: String?
    /// 1-based line number in the file, where the error is about a line.
    public var line: Int?
    /// 1-based column (field) number, where the error is about a field.
    public var column: Int?

    public init(_ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// The exit code of the contract for this error.
    public var exitCode: Int32 {
        switch kind {
        case .usage, .invalidInput: return 2
        case .analysisFailed: return 1
        }
    }

    /// `file:line:column: message`, with the parts that are known.
    public var description: String {
        var location = ""
        if let file { location += file }
        if let line { location += ":\(line)" }
        if let column { location += (line == nil ? ":-" : "") + ":\(column)" }
        return (location.isEmpty ? message : "\(location): \(message)").replacingNewlines()
    }

    /// The same error, naming `file` when it did not name one yet.
    public func inFile(_ file: String) -> GaitError {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }
}

extension String {
    /// Every line break as a space, so that an error is one line whatever the file name or the
    /// quoted input holds. `Character.isNewline`, not `== "\n"`: "\r\n" is one `Character`, equal
    /// to neither "\r" nor "\n"; `isNewline` also covers U+0085, U+2028, U+2029, vertical tab and
    /// form feed, which a terminal or an editor breaks the line at.
    fileprivate func replacingNewlines() -> String {
        String(self.map { $0.isNewline ? " " : $0 })
    }
}
