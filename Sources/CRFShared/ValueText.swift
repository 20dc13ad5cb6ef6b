import DenseCRF
import Foundation

/// How a number or a compatibility is written, wherever a person writes one: a command-line
/// flag or a value typed in the viewer. One parser, so "1,5" means the same everywhere; and one
/// way of writing them back into files (params JSON, pydensecrf scripts).
public enum ValueText {
    /// A finite decimal number ("3", "-2.5", "1e-3"), spaces around it allowed. Swift's
    /// `Float.init` alone would also take "nan", "inf" and "0x1p3", and round "1e39" to
    /// infinity; none of those is a value a user means.
    public static func number(_ text: String) -> Float? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let value = Float(trimmed), value.isFinite else { return nil }
        return value
    }

    /// A compatibility: one number is a Potts weight, a comma list of numbers a diagonal
    /// (one entry per label), as in pydensecrf's `compat=`. Nil when the text is neither.
    public static func compatibility(_ text: String) -> LabelCompatibility? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
        let numbers = parts.compactMap(number)
        guard numbers.count == parts.count, !numbers.isEmpty else { return nil }
        return parts.count == 1 ? .potts(numbers[0]) : .diagonal(numbers)
    }

    /// The shortest decimal that reads back to the same Float, integers without a point
    /// ("3", "0.7", "1e-05"): how params files and exported scripts write numbers.
    public static func text(_ v: Float) -> String {
        if v == v.rounded(), abs(v) < 1e7 { return String(Int(v)) }
        return "\(v)"
    }

    /// A compatibility as JSON and Python both write it: a number (Potts), a list (diagonal) or
    /// a list of rows (matrix).
    public static func text(_ c: LabelCompatibility) -> String {
        func list(_ v: [Float]) -> String { "[" + v.map(text).joined(separator: ", ") + "]" }
        switch c {
        case .potts(let w): return text(w)
        case .diagonal(let v): return list(v)
        case .matrix(let m): return "[" + m.map(list).joined(separator: ", ") + "]"
        }
    }
}
