import Foundation

/// Compact numbers for narrow panels.
enum NumberFormat {
    /// Up to `digits` significant digits, switching to exponent form for large or tiny values.
    static func short(_ v: Double, digits: Int = 6) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        return String(format: "%.\(digits)g", v)
    }

    static func short(_ v: Float, digits: Int = 4) -> String { short(Double(v), digits: digits) }

    /// The most precise of `short`'s forms, up to `digits` significant digits, that fits in
    /// `width` columns.
    static func fitting(_ v: Double, width: Int, digits: Int = 8) -> String {
        for digits in stride(from: digits, through: 1, by: -1) {
            let text = short(v, digits: digits)
            if text.count <= width { return text }
        }
        // Small values whose significant digits do not fit: fewer decimals ("-0.009" → "-0.01").
        for decimals in stride(from: 3, through: 0, by: -1) {
            let text = String(format: "%.*f", decimals, v)
            if text.count <= width { return text }
        }
        return short(v, digits: 1)
    }

    /// A probability as 0.000.
    static func probability(_ p: Float) -> String { String(format: "%.3f", p) }
}
