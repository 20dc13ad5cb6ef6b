import Foundation

/// The sRGB transfer function (IEC 61966-2-1), tabulated for the 256 channel values.
public enum SRGB {
    /// `linear[v]` is channel value `v` decoded to linear light in 0...1.
    public static let linear: [Float] = (0..<256).map { value in
        let c = Float(value) / 255
        return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
}
