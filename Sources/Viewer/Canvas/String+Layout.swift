/// Small text helpers for fixed-width panels and typed values.
extension String {
    /// Left-aligned in `length` columns (cut when longer).
    func padding(toLength length: Int) -> String {
        count >= length ? String(prefix(length)) : self + String(repeating: " ", count: length - count)
    }

    /// Right-aligned in `length` columns (unchanged when longer).
    func leftPadding(toLength length: Int) -> String {
        String(repeating: " ", count: max(0, length - count)) + self
    }

    /// Without leading and trailing whitespace.
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
