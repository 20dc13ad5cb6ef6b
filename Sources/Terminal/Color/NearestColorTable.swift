import Colorimetry
import Viewer

/// Memoised nearest-palette-entry search under CIEDE2000.
///
/// A new colour is searched exactly, but cheaply: the candidate nearest under CIE94
/// (a few multiplications per candidate) gives a first distance, then only candidates
/// whose lightness lies within `CIELab.maximumLightnessWeight` × that distance can beat
/// it, so CIEDE2000 is evaluated for those alone, nearest lightness first. On random
/// colours that is about a fifth of the 240-colour palette.
///
/// Each answer is cached in a flat 16 MiB table indexed by the 24-bit colour, filled on
/// demand, so later frames cost an array read per cell.
struct NearestColorTable {
    private struct Candidate {
        let index: UInt8
        let lab: CIELab
        let chroma: Double
        /// CIE94 weights 1/S_C² and 1/S_H² with this candidate as the reference colour.
        let chromaWeight: Double
        let hueWeight: Double
    }

    private let candidates: [Candidate]
    /// Candidate positions sorted by lightness, and those lightnesses, for the bounded scan.
    private let byLightness: [Int]
    private let sortedLightness: [Double]
    /// A byte no palette index uses, marking colours not looked up yet.
    private let unknown: UInt8
    private var memo: [UInt8] = []

    /// - Parameter palette: the candidates as (terminal index, colour); on equal distance
    ///   the earlier one wins.
    init(palette: [(index: UInt8, color: RGB)]) {
        let candidates = palette.map { entry in
            let lab = CIELab(entry.color)
            let chroma = (lab.a * lab.a + lab.b * lab.b).squareRoot()
            let sc = 1 + 0.045 * chroma, sh = 1 + 0.015 * chroma
            return Candidate(index: entry.index, lab: lab, chroma: chroma, chromaWeight: 1 / (sc * sc),
                             hueWeight: 1 / (sh * sh))
        }
        let byLightness = candidates.indices.sorted { candidates[$0].lab.l < candidates[$1].lab.l }
        self.candidates = candidates
        self.byLightness = byLightness
        sortedLightness = byLightness.map { candidates[$0].lab.l }
        unknown = (0...UInt8.max).first { byte in !palette.contains { $0.index == byte } }!
    }

    /// The palette index perceptually nearest to `color`.
    mutating func nearest(_ color: RGB) -> UInt8 {
        if memo.isEmpty { memo = Array(repeating: unknown, count: 1 << 24) }
        let key = Int(color.packed)
        if memo[key] != unknown { return memo[key] }
        let index = candidates[search(CIELab(color))].index
        memo[key] = index
        return index
    }

    private func search(_ target: CIELab) -> Int {
        var best = seed(target)
        var bestDistance = CIELab.deltaE2000(target, candidates[best].lab)
        func consider(_ position: Int) {
            let distance = CIELab.deltaE2000(target, candidates[position].lab)
            if distance < bestDistance || (distance == bestDistance && position < best) {
                best = position
                bestDistance = distance
            }
        }
        // Walk outwards from the target's lightness; stop each side once |ΔL| alone rules it out.
        var above = sortedLightness.firstIndex { $0 >= target.l } ?? sortedLightness.count
        var below = above - 1
        let bound = CIELab.maximumLightnessWeight
        while true {
            let upGap = above < sortedLightness.count ? sortedLightness[above] - target.l : .infinity
            let downGap = below >= 0 ? target.l - sortedLightness[below] : .infinity
            if min(upGap, downGap) > bound * bestDistance { return best }
            if upGap <= downGap {
                consider(byLightness[above])
                above += 1
            } else {
                consider(byLightness[below])
                below -= 1
            }
        }
    }

    /// The candidate nearest under CIE94 (graphic-arts weights, candidate as reference).
    private func seed(_ target: CIELab) -> Int {
        let targetChroma = (target.a * target.a + target.b * target.b).squareRoot()
        var best = 0
        var bestDistance = Double.infinity
        for (position, candidate) in candidates.enumerated() {
            let dl = candidate.lab.l - target.l, da = candidate.lab.a - target.a, db = candidate.lab.b - target.b
            let dc = candidate.chroma - targetChroma
            let dh2 = max(0, da * da + db * db - dc * dc)
            let distance = dl * dl + dc * dc * candidate.chromaWeight + dh2 * candidate.hueWeight
            if distance < bestDistance {
                best = position
                bestDistance = distance
            }
        }
        return best
    }
}
