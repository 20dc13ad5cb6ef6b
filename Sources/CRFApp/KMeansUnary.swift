import Colorimetry
import DenseCRF
import Randomness
import RealModule

/// An unsupervised unary for a photo that has no network output: the pixels are clustered by
/// colour and (weakly) position into K classes, and each pixel gets soft class probabilities
/// from its distances to the clusters. The CRF then cleans the clustering up the way it cleans
/// up a network's prediction, so any image can be opened and explored.
///
/// Features are CIE L*a*b* (D65), where Euclidean distance roughly follows perceived colour
/// difference, plus the pixel position scaled so that crossing the whole image costs
/// `positionWeight`·100 units, about the L* range: enough to split two distant regions of one
/// colour, too little to override a clear colour difference.
///
/// Clustering is k-means (Lloyd 1982) with k-means++ seeding (Arthur & Vassilvitskii 2007) on
/// a jittered-grid subsample of the pixels. The soft assignment is one E-step of an isotropic
/// Gaussian mixture fitted to the clusters: p(k | x) ∝ π_k σ_k^−D exp(−|x − μ_k|²/2σ_k²), with
/// π_k the cluster's share of the pixels and σ_k² its spread per dimension, so a tight cluster
/// (clear sky) claims only pixels very close to it while a loose one (foliage) reaches further.
///
/// Classes are numbered by ascending lightness of their centres, and every random choice
/// comes from `SplitMix64`, so the result depends only on the image, K and the seed.
public enum KMeansUnary {
    /// Feature dimensions: L*, a*, b*, x, y.
    static let dimension = 5
    /// Floor on a cluster's spread per dimension (in L*a*b* units²), so a flat-colour cluster
    /// yields finite, if very confident, probabilities.
    static let minimumVariance: Double = 1
    static let maxIterations = 50

    /// Probabilities of K classes for every pixel of `image`, label-major, as a unary source.
    ///
    /// - Parameters:
    ///   - clusters: K, at least 2 and at most the number of pixels.
    ///   - seed: seeds k-means++ and the subsample.
    ///   - positionWeight: the position feature's range as a fraction of 100 L*a*b* units.
    ///   - sampleLimit: at most about this many pixels are clustered; all are then assigned.
    public static func probabilities(
        image: RGBImage, clusters: Int, seed: UInt64 = 0, positionWeight: Double = 0.3,
        sampleLimit: Int = 40_000
    ) throws(CRFError) -> UnarySource {
        let n = image.pixelCount
        guard clusters >= 2 else { throw CRFError("k-means needs at least 2 clusters, got \(clusters)") }
        guard clusters <= n else { throw CRFError("k-means cannot make \(clusters) clusters from \(n) pixels") }
        guard positionWeight >= 0, positionWeight.isFinite else {
            throw CRFError("position weight must be finite and at least 0, got \(positionWeight)")
        }
        let features = Self.features(image, positionWeight: positionWeight)
        var rng = SplitMix64(seed: seed, stream: "kmeans")
        let sample = Self.subsample(width: image.width, height: image.height, limit: max(sampleLimit, clusters), rng: &rng)
        var centres = Self.seedCentres(features, sample: sample, k: clusters, rng: &rng)
        let assignment = Self.lloyd(features, sample: sample, centres: &centres, k: clusters)
        let mixture = Self.mixture(features, sample: sample, assignment: assignment, centres: centres, k: clusters)
        return .probabilities(labelMajor: Self.posterior(features, pixels: n, mixture: mixture), labels: clusters)
    }

    // MARK: - Features

    /// L*a*b* and scaled position per pixel, pixel-major.
    static func features(_ image: RGBImage, positionWeight: Double) -> [Double] {
        let d = dimension
        let positionScale = positionWeight * 100 / Double(max(image.width, image.height))
        var out = [Double](repeating: 0, count: image.pixelCount * d)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let p = y * image.width + x
                let lab = CIELab(red: image.pixels[3 * p], green: image.pixels[3 * p + 1], blue: image.pixels[3 * p + 2])
                out[p * d] = lab.l
                out[p * d + 1] = lab.a
                out[p * d + 2] = lab.b
                out[p * d + 3] = Double(x) * positionScale
                out[p * d + 4] = Double(y) * positionScale
            }
        }
        return out
    }

    /// One random pixel per cell of a square grid sized so that there are about `limit`
    /// cells: unlike plain random sampling it never leaves a small region unrepresented.
    static func subsample(width: Int, height: Int, limit: Int, rng: inout SplitMix64) -> [Int] {
        let n = width * height
        guard n > limit else { return Array(0..<n) }
        let side = Int((Double(n) / Double(limit)).squareRoot().rounded(.up))
        var picks: [Int] = []
        for cy in stride(from: 0, to: height, by: side) {
            for cx in stride(from: 0, to: width, by: side) {
                let y = cy + rng.index(below: min(side, height - cy))
                let x = cx + rng.index(below: min(side, width - cx))
                picks.append(y * width + x)
            }
        }
        return picks
    }

    @inline(__always)
    static func distance2(_ f: [Double], _ i: Int, _ c: [Double], _ k: Int) -> Double {
        var s = 0.0
        for j in 0..<dimension {
            let t = f[i * dimension + j] - c[k * dimension + j]
            s += t * t
        }
        return s
    }

    // MARK: - Clustering

    /// k-means++: the first centre uniformly, each next one with probability proportional to
    /// the squared distance to the nearest centre chosen so far. When every remaining pixel
    /// coincides with a centre (fewer distinct colours than K) the pick is uniform.
    static func seedCentres(_ f: [Double], sample: [Int], k: Int, rng: inout SplitMix64) -> [Double] {
        let d = dimension
        var centres = [Double](repeating: 0, count: k * d)
        func place(_ c: Int, at pixel: Int) {
            for j in 0..<d { centres[c * d + j] = f[pixel * d + j] }
        }
        place(0, at: sample[rng.index(below: sample.count)])
        var nearest = sample.map { distance2(f, $0, centres, 0) }
        for c in 1..<k {
            let total = nearest.reduce(0, +)
            var chosen = rng.index(below: sample.count)
            if total > 0 {
                var target = rng.uniform() * total
                for (s, w) in nearest.enumerated() where w > 0 {
                    chosen = s
                    target -= w
                    if target < 0 { break }
                }
            }
            place(c, at: sample[chosen])
            for (s, pixel) in sample.enumerated() {
                nearest[s] = min(nearest[s], distance2(f, pixel, centres, c))
            }
        }
        return centres
    }

    /// Lloyd iterations until no sample changes cluster (at most `maxIterations`); a cluster left empty is moved to the
    /// sample farthest from its own centre, the point the current clustering explains worst.
    /// Returns the final cluster of every sample.
    static func lloyd(_ f: [Double], sample: [Int], centres: inout [Double], k: Int) -> [Int] {
        let d = dimension
        var assignment = [Int](repeating: -1, count: sample.count)
        // The last pass only assigns, so the result always matches the returned centres.
        for pass in 0...maxIterations {
            var changed = false
            var worst = (sample: 0, distance: -1.0)
            for (s, pixel) in sample.enumerated() {
                var best = 0
                var bestD = distance2(f, pixel, centres, 0)
                for c in 1..<k {
                    let dc = distance2(f, pixel, centres, c)
                    if dc < bestD { best = c; bestD = dc }
                }
                if best != assignment[s] { changed = true; assignment[s] = best }
                if bestD > worst.distance { worst = (s, bestD) }
            }
            if !changed || pass == maxIterations { break }
            var sums = [Double](repeating: 0, count: k * d)
            var counts = [Int](repeating: 0, count: k)
            for (s, pixel) in sample.enumerated() {
                let c = assignment[s]
                counts[c] += 1
                for j in 0..<d { sums[c * d + j] += f[pixel * d + j] }
            }
            for c in 0..<k {
                if counts[c] > 0 {
                    for j in 0..<d { centres[c * d + j] = sums[c * d + j] / Double(counts[c]) }
                } else {
                    for j in 0..<d { centres[c * d + j] = f[sample[worst.sample] * d + j] }
                }
            }
        }
        return assignment
    }

    /// An isotropic Gaussian per cluster, in the output's class order.
    struct Mixture {
        var centres: [Double]
        var logWeights: [Double]
        var variances: [Double]
    }

    /// Weights and spreads of the clusters, with the clusters sorted by lightness (then a*, b*)
    /// so that class numbers do not depend on the order k-means++ happened to find them.
    static func mixture(_ f: [Double], sample: [Int], assignment: [Int], centres: [Double], k: Int) -> Mixture {
        let d = dimension
        var counts = [Int](repeating: 0, count: k)
        var squared = [Double](repeating: 0, count: k)
        for (s, pixel) in sample.enumerated() {
            let c = assignment[s]
            counts[c] += 1
            squared[c] += distance2(f, pixel, centres, c)
        }
        let order = (0..<k).sorted { a, b in
            for j in 0..<3 where centres[a * d + j] != centres[b * d + j] {
                return centres[a * d + j] < centres[b * d + j]
            }
            return a < b
        }
        var m = Mixture(centres: [], logWeights: [], variances: [])
        for c in order {
            m.centres += centres[(c * d)..<(c * d + d)]
            // An empty cluster (only possible with duplicate colours) keeps a small weight so
            // its log stays finite; it mirrors a populated duplicate anyway.
            m.logWeights.append(Double.log(Double(max(counts[c], 1)) / Double(sample.count)))
            m.variances.append(max(minimumVariance, counts[c] > 0 ? squared[c] / Double(counts[c] * d) : minimumVariance))
        }
        return m
    }

    /// p(k | x) for every pixel, label-major (L, H·W).
    static func posterior(_ f: [Double], pixels n: Int, mixture m: Mixture) -> [Float] {
        let k = m.variances.count
        let halfD = Double(dimension) / 2
        let bias = (0..<k).map { m.logWeights[$0] - halfD * Double.log(m.variances[$0]) }
        var out = [Float](repeating: 0, count: k * n)
        var logits = [Double](repeating: 0, count: k)
        for i in 0..<n {
            var top = -Double.infinity
            for c in 0..<k {
                logits[c] = bias[c] - distance2(f, i, m.centres, c) / (2 * m.variances[c])
                top = max(top, logits[c])
            }
            var sum = 0.0
            for c in 0..<k {
                logits[c] = Double.exp(logits[c] - top)
                sum += logits[c]
            }
            for c in 0..<k { out[c * n + i] = Float(logits[c] / sum) }
        }
        return out
    }
}
