import CRFIO
import DenseCRF
import Foundation

/// Reads a network's output file as the unary source of one image, refusing what would give a
/// silently wrong result: logits given as probabilities (every pixel would be clamped to 1),
/// logits given as energies (the result inverted), probabilities that do not sum to 1. Each
/// refusal says what the file looks like and which flag fits it.
///
/// - Probabilities: (L, H, W), (H, W, L), or one foreground channel (1, H, W) / (H, W) from
///   which the two classes (1 − p, p) are made. uint8 arrays are 8-bit probabilities, p =
///   v/255 (the convention of saved saliency and mask-probability maps), with a note on
///   stderr; a uint8 array of only 0 and 1 is a hard mask and refused; other integer types
///   cannot hold probabilities and are refused.
/// - Logits z: p = softmax(z/T) over the labels; one channel is a sigmoid logit, p = σ(z/T).
///   They become probabilities so that --clip and --scale apply as for a softmax output.
/// - Energies U: used as they are; they must be ≥ 0, since U = −log p with p ≤ 1.
///
/// A map smaller than the image with the same aspect ratio is upsampled bilinearly (the raw
/// values: probabilities, logits or energies, as users upsample them in numpy) with a note.
/// Another aspect ratio is an error unless `MapOptions.resize` allows stretching it.
public enum UnaryMapFile {
    public static func read(_ path: String, kind: UnaryKind, options: MapOptions, width: Int, height: Int)
        throws -> (source: UnarySource, notes: [String])
    {
        var notes: [String] = []
        var array = try CLIFailure.attributing(to: path) { try NPYFile.read(path, maxElements: MemoryBudget.maxArrayElements) }
        if kind == .probs {
            switch array.storedType {
            case .integer:
                throw CLIFailure(path, "an integer array cannot hold probabilities between 0 and 1; save them as float (or as uint8 scaled to 0-255)")
            case .uint8:
                guard array.values.contains(where: { $0 > 1 }) else {
                    throw CLIFailure(path, "uint8 values are all 0 or 1: a hard mask, not probabilities (8-bit probabilities are read as v/255); give a mask as an annotation PNG with --labels")
                }
                array.values = array.values.map { $0 / 255 }
                notes.append("\(path): uint8 values read as probabilities v/255")
            case .float, .float16:
                break
            }
        }
        var maps = try CLIFailure.attributing(to: path) {
            try ArrayLayout.labelMaps(array, width: width, height: height, layout: options.layout, path: path)
        }
        let resampling = maps.width != width || maps.height != height
        if resampling {
            notes.append(try resamplingNote(maps, array.shape, options, width: width, height: height, path: path))
        }
        if let bad = maps.values.firstIndex(where: { !$0.isFinite }) {
            let n = maps.width * maps.height
            throw CLIFailure(path, "value \(maps.values[bad]) at label \(bad / n), row \(bad % n / maps.width), column \(bad % maps.width) is not finite")
        }
        let sums = PixelSums(maps)
        switch kind {
        case .probs:
            try checkProbabilities(maps, sums: sums, storedType: array.storedType, path: path)
        case .logits:
            if sums.lookLikeProbabilities(tolerance: 1e-3) {
                throw CLIFailure(path, "\(sums.rangeText): these look like probabilities\(maps.labels == 1 ? " (a sigmoid output)" : ""); use --probs")
            }
        case .unary:
            guard maps.labels >= 2 else {
                throw CLIFailure(path, "has one channel; energies need one per label (a foreground probability goes to --probs, a sigmoid logit to --logits)")
            }
            if sums.minimum < -1e-3 {
                throw CLIFailure(path, "\(sums.rangeText): unary energies are -log p >= 0; these look like logits or log-probabilities; use --logits")
            }
            if sums.lookLikeProbabilities(tolerance: 1e-3) {
                throw CLIFailure(path, "\(sums.rangeText) and every pixel sums to 1: these look like probabilities; use --probs")
            }
        }
        if resampling { maps = maps.resampled(width: width, height: height) }
        switch kind {
        case .probs:
            let expanded = maps.labels == 1 ? twoClasses(foreground: maps.values) : maps.values
            return (.probabilities(labelMajor: expanded, labels: max(2, maps.labels)), notes)
        case .logits:
            guard options.temperature > 0, options.temperature.isFinite else {
                throw CLIFailure("--temperature", "must be positive, got \(options.temperature)")
            }
            let p = probabilities(logits: maps, temperature: options.temperature)
            return (.probabilities(labelMajor: p, labels: max(2, maps.labels)), notes)
        case .unary:
            return (.energies(labelMajor: maps.values, labels: maps.labels), notes)
        }
    }

    /// Why a map of another size may be resampled to the image (the note to print), or the
    /// error saying both shapes and the flag that would allow it.
    static func resamplingNote(_ maps: LabelMaps, _ shape: [Int], _ options: MapOptions, width: Int, height: Int, path: String) throws -> String {
        let what = "\(maps.labels == 1 ? "a map" : "\(maps.labels) maps") of \(maps.width)x\(maps.height)"
        let them = maps.labels == 1 ? "it" : "them"
        let same = LabelMaps.sameAspect(width: maps.width, height: maps.height, imageWidth: width, imageHeight: height)
        if options.resize {
            return "\(path): \(what) stretched bilinearly to the \(width)x\(height) image (--resize)"
        }
        if same && maps.width <= width && maps.height <= height {
            return "\(path): \(what) upsampled bilinearly to the \(width)x\(height) image"
        }
        let problem = same ? "larger than the \(width)x\(height) image; pass --resize to shrink \(them) to the image (bilinear)"
            : "but the image is \(width)x\(height), another aspect ratio; if the network was given a resized photo, pass --resize to stretch \(them) to the image (bilinear)"
        throw CLIFailure(path, "shape \(ArrayLayout.shapeText(shape)) holds \(what) \(problem)\(layoutHint(shape, options.layout, width: width, height: height))")
    }

    /// Probabilities must lie in [0, 1] and, with several labels, sum to 1 at every pixel, up
    /// to what the stored type can hold (float16 keeps ~3 digits, uint8 steps of 1/255).
    static func checkProbabilities(_ maps: LabelMaps, sums: PixelSums, storedType: NPYElementType, path: String) throws {
        let step: Float = storedType == .uint8 ? 0.5 / 255 : storedType.resolution
        let tolerance = 1e-3 + Float(maps.labels) * step
        if sums.minimum < -tolerance || sums.maximum > 1 + tolerance {
            let integral = maps.values.allSatisfy { $0 == $0.rounded() }
            let looks = sums.minimum < 0 ? "these look like logits; use --logits"
                : integral && sums.maximum <= 255 ? "these look like 8-bit probabilities (0-255); divide them by 255 or save them as uint8"
                : "these look like unary energies (-log p; use --unary) or non-negative logits (use --logits)"
            throw CLIFailure(path, "\(sums.rangeText): probabilities must lie in [0, 1]; \(looks)")
        }
        guard maps.labels >= 2, let worst = sums.worstSum, abs(worst.sum - 1) > tolerance else { return }
        let n = worst.pixel
        throw CLIFailure(path, "probabilities must sum to 1 over the \(maps.labels) labels, but at row \(n / maps.width), column \(n % maps.width) they sum to \(PixelSums.short(worst.sum)) (sums range \(PixelSums.short(sums.smallestSum))…\(PixelSums.short(sums.largestSum))); these look like independent per-class scores, not a softmax output; give the network's logits with --logits")
    }

    /// With an explicit --layout that makes the spatial axes miss the image while the other
    /// layout would match it exactly, say so; otherwise --layout cannot help and is not named.
    static func layoutHint(_ shape: [Int], _ layout: ArrayLayout?, width: Int, height: Int) -> String {
        var s = shape
        if s.count == 4, s[0] == 1 { s.removeFirst() }
        guard let layout, s.count == 3 else { return "" }
        let other: ArrayLayout = layout == .chw ? .hwc : .chw
        let (h, w) = other == .chw ? (s[1], s[2]) : (s[0], s[1])
        return h == height && w == width ? " (as --layout \(other.rawValue) it matches the image)" : ""
    }

    /// Background 1 − p and foreground p, label-major.
    static func twoClasses(foreground p: [Float]) -> [Float] {
        p.map { 1 - $0 } + p
    }

    /// softmax(z/T) per pixel; one channel: (1 − σ(z/T), σ(z/T)).
    static func probabilities(logits maps: LabelMaps, temperature t: Float) -> [Float] {
        let n = maps.width * maps.height, l = maps.labels
        let z = maps.values
        if l == 1 {
            return twoClasses(foreground: z.map { 1 / (1 + Foundation.exp(-$0 / t)) })
        }
        var p = [Float](repeating: 0, count: z.count)
        for i in 0..<n {
            var top = -Float.infinity
            for k in 0..<l { top = max(top, z[k * n + i] / t) }
            var total: Float = 0
            for k in 0..<l {
                let e = Foundation.exp(z[k * n + i] / t - top)
                p[k * n + i] = e
                total += e
            }
            for k in 0..<l { p[k * n + i] /= total }
        }
        return p
    }
}
