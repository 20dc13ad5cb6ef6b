import CRFIO
import Foundation

/// What a per-pixel array looks like, for messages that tell logits, probabilities and
/// energies apart: its value range and the range of its per-pixel sums over the labels.
struct PixelSums {
    let minimum: Float
    let maximum: Float
    /// The sum farthest from 1 and its pixel; nil for one channel.
    let worstSum: (sum: Float, pixel: Int)?
    let smallestSum: Float
    let largestSum: Float

    init(_ maps: LabelMaps) {
        let n = maps.width * maps.height, l = maps.labels
        minimum = maps.values.min() ?? 0
        maximum = maps.values.max() ?? 0
        guard l >= 2 else {
            (worstSum, smallestSum, largestSum) = (nil, 1, 1)
            return
        }
        var sums = [Float](repeating: 0, count: n)
        for k in 0..<l {
            for i in 0..<n { sums[i] += maps.values[k * n + i] }
        }
        let worst = sums.indices.max { abs(sums[$0] - 1) < abs(sums[$1] - 1) }!
        worstSum = (sums[worst], worst)
        smallestSum = sums.min()!
        largestSum = sums.max()!
    }

    /// All values in [0, 1] and, with several labels, every pixel's sum within `tolerance` of 1.
    func lookLikeProbabilities(tolerance: Float) -> Bool {
        guard minimum >= 0, maximum <= 1 else { return false }
        guard let worstSum else { return true }
        return abs(worstSum.sum - 1) <= tolerance
    }

    /// "values range −1721…267".
    var rangeText: String { "values range \(Self.short(minimum))…\(Self.short(maximum))" }

    /// A number as people write it: integers plainly, others with four significant digits.
    static func short(_ v: Float) -> String {
        if v == v.rounded(), abs(v) < 1e7 { return String(Int(v)) }
        return String(format: "%.4g", Double(v))
    }
}
