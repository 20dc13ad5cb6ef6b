import Colorimetry

/// A 24-bit sRGB colour.
///
/// The canvas always stores full RGB; reducing it to what a terminal can show is the
/// backend's job (Terminal's `ColorQuantizer`), so rendered screens are comparable in tests
/// whatever terminal runs them.
public struct RGB: Hashable, Sendable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Parses `#rrggbb` or `rrggbb` (case-insensitive); nil for anything else.
    public init?(hex: String) {
        let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
        guard digits.count == 6, digits.allSatisfy(\.isHexDigit),
            let value = UInt32(digits, radix: 16)
        else { return nil }
        self.init(packed: value)
    }

    /// Builds a colour from `0xRRGGBB`; bits above 24 are ignored.
    public init(packed: UInt32) {
        self.init(UInt8(truncatingIfNeeded: packed >> 16), UInt8(truncatingIfNeeded: packed >> 8),
                  UInt8(truncatingIfNeeded: packed))
    }

    /// The colour as `0xRRGGBB`, the form ncurses' direct-colour terminfo entries take.
    public var packed: UInt32 { UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b) }

    /// Lower-case `#rrggbb`, the form theme files use.
    public var hex: String {
        let digits = String(packed, radix: 16)
        return "#" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// Linear interpolation `self + (other - self) * t`, rounded per channel; `t` is clamped to 0...1.
    public func mixed(with other: RGB, _ t: Float) -> RGB {
        let t = min(max(t, 0), 1)
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Float(a) + (Float(b) - Float(a)) * t).rounded())
        }
        return RGB(channel(r, other.r), channel(g, other.g), channel(b, other.b))
    }

    /// Relative luminance (Rec. 709 weights on linearised sRGB), 0 for black to 1 for white.
    /// Used where only brightness survives: mono terminals and shade glyphs.
    public var luminance: Float {
        0.2126 * SRGB.linear[Int(r)] + 0.7152 * SRGB.linear[Int(g)] + 0.0722 * SRGB.linear[Int(b)]
    }

    public static let black = RGB(0, 0, 0)
    public static let white = RGB(255, 255, 255)
}

extension RGB: CustomStringConvertible {
    public var description: String { hex }
}
