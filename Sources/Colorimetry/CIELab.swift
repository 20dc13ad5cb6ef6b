import Foundation

/// A colour in CIE 1976 L*a*b* (D65 white), where Euclidean distance roughly follows perceived
/// colour difference, and CIEDE2000 follows it closely.
///
/// One conversion for its three users: the themes' contrast checks, the terminal quantiser
/// (palette matching by Euclidean RGB distance picks visibly wrong neighbours: dark saturated
/// colours collapse to greys) and the k-means unary (clusters by colour).
public struct CIELab: Hashable, Sendable {
    public var l: Double
    public var a: Double
    public var b: Double

    public init(l: Double, a: Double, b: Double) {
        self.l = l
        self.a = a
        self.b = b
    }

    /// 8-bit sRGB → linear RGB → XYZ (IEC 61966-2-1 matrix) → L*a*b* relative to D65.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        let r = Double(SRGB.linear[Int(red)])
        let g = Double(SRGB.linear[Int(green)])
        let bl = Double(SRGB.linear[Int(blue)])
        let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * bl) / 0.95047
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * bl
        let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * bl) / 1.08883
        func f(_ t: Double) -> Double {
            t > 216.0 / 24389.0 ? cbrt(t) : (24389.0 / 27.0 * t + 16) / 116
        }
        let fx = f(x), fy = f(y), fz = f(z)
        self.init(l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz))
    }

    /// CIEDE2000 colour difference with kL = kC = kH = 1, following Sharma, Wu & Dalal,
    /// "The CIEDE2000 Color-Difference Formula: Implementation Notes" (2005), eqs. 1–22.
    /// Powers are multiplied out and the four cosines of T come from one sine/cosine pair,
    /// since the quantiser evaluates this thousands of times per new frame.
    public static func deltaE2000(_ first: CIELab, _ second: CIELab) -> Double {
        let pow25to7 = 6_103_515_625.0  // 25^7
        func pow7(_ x: Double) -> Double {
            let x2 = x * x
            return x2 * x2 * x2 * x
        }
        let c1 = (first.a * first.a + first.b * first.b).squareRoot()
        let c2 = (second.a * second.a + second.b * second.b).squareRoot()
        let cMean7 = pow7((c1 + c2) / 2)
        let g = 0.5 * (1 - (cMean7 / (cMean7 + pow25to7)).squareRoot())
        let a1 = (1 + g) * first.a, a2 = (1 + g) * second.a
        let c1p = (a1 * a1 + first.b * first.b).squareRoot()
        let c2p = (a2 * a2 + second.b * second.b).squareRoot()
        func hue(_ b: Double, _ a: Double) -> Double {
            if a == 0 && b == 0 { return 0 }
            let degrees = atan2(b, a) * 180 / .pi
            return degrees < 0 ? degrees + 360 : degrees
        }
        let h1 = hue(first.b, a1), h2 = hue(second.b, a2)
        let chromaProduct = c1p * c2p

        let deltaL = second.l - first.l
        let deltaC = c2p - c1p
        var deltaHue = 0.0
        if chromaProduct != 0 {
            deltaHue = h2 - h1
            if deltaHue > 180 { deltaHue -= 360 } else if deltaHue < -180 { deltaHue += 360 }
        }
        let deltaH = 2 * chromaProduct.squareRoot() * sin(deltaHue * .pi / 360)

        let lMean = (first.l + second.l) / 2
        let cMeanP = (c1p + c2p) / 2
        var hMean = h1 + h2
        if chromaProduct != 0 {
            if abs(h1 - h2) <= 180 {
                hMean /= 2
            } else {
                hMean = hMean < 360 ? (hMean + 360) / 2 : (hMean - 360) / 2
            }
        }
        // T = 1 − 0.17 cos(h − 30°) + 0.24 cos 2h + 0.32 cos(3h + 6°) − 0.20 cos(4h − 63°),
        // expanded with multiple-angle and angle-sum identities.
        let cos1 = cos(hMean * .pi / 180), sin1 = sin(hMean * .pi / 180)
        let cos2 = cos1 * cos1 - sin1 * sin1, sin2 = 2 * sin1 * cos1
        let cos3 = cos2 * cos1 - sin2 * sin1, sin3 = sin2 * cos1 + cos2 * sin1
        let cos4 = cos2 * cos2 - sin2 * sin2, sin4 = 2 * sin2 * cos2
        let t = 1 - 0.17 * (cos1 * 0.866_025_403_784_438_6 + sin1 * 0.5) + 0.24 * cos2
            + 0.32 * (cos3 * 0.994_521_895_368_273_3 - sin3 * 0.104_528_463_267_653_47)
            - 0.20 * (cos4 * 0.453_990_499_739_546_8 + sin4 * 0.891_006_524_188_367_8)
        let hueOffset = (hMean - 275) / 25
        let deltaTheta = 30 * exp(-hueOffset * hueOffset)
        let cMeanP7 = pow7(cMeanP)
        let rc = 2 * (cMeanP7 / (cMeanP7 + pow25to7)).squareRoot()
        let lOffset = (lMean - 50) * (lMean - 50)
        let sl = 1 + 0.015 * lOffset / (20 + lOffset).squareRoot()
        let sc = 1 + 0.045 * cMeanP
        let sh = 1 + 0.015 * cMeanP * t
        let rt = -sin(2 * deltaTheta * .pi / 180) * rc
        let lTerm = deltaL / sl, cTerm = deltaC / sc, hTerm = deltaH / sh
        return (lTerm * lTerm + cTerm * cTerm + hTerm * hTerm + rt * cTerm * hTerm).squareRoot()
    }

    /// The largest value CIEDE2000's lightness weight S_L reaches (at L̄ = 0 or 100:
    /// 1 + 0.015·2500/√2520 ≈ 1.747), rounded up. Since the chroma–hue part of the formula
    /// is a positive semi-definite form (|R_T| ≤ 2), ΔE00 ≥ |ΔL| / S_L ≥ |ΔL| / this bound:
    /// a cheap lower bound that lets a nearest-colour search skip far lighter or darker
    /// candidates without missing the true nearest.
    public static let maximumLightnessWeight = 1.75
}
