import DenseCRF

/// Where the label axis of a per-pixel array is: (L, H, W) as network outputs and pydensecrf
/// use, or (H, W, L) as image libraries do.
public enum ArrayLayout: String, Sendable, CaseIterable {
    case chw, hwc

    /// The array as label maps of their own size, for an image of `width`×`height`.
    ///
    /// Accepted shapes: (L, H, W) or (H, W, L); (H, W), one map; (1, L, H, W), a batch of one
    /// as networks emit it. `layout` nil means detect: the layout whose spatial axes equal the
    /// image's, else the one whose spatial axes have the image's aspect ratio (a network's
    /// grid), else the one with fewer labels than rows or columns. Only when that leaves two
    /// answers (a square image with as many labels as rows, say) must the caller say, and only
    /// then does the message suggest `--layout`.
    public static func labelMaps(
        _ array: NPYArray, width: Int, height: Int, layout: ArrayLayout?, path: String
    ) throws -> LabelMaps {
        var s = array.shape
        if s.count == 4, s[0] == 1 { s.removeFirst() }
        if s.count == 2 { return LabelMaps(labels: 1, width: s[1], height: s[0], values: array.values) }
        guard s.count == 3 else {
            throw CRFIOError(path: path, message: "expected a 3-D array (L, H, W) or (H, W, L) or a 2-D map (H, W), got shape \(shapeText(array.shape))")
        }
        let chosen = try layout ?? detect(s, width: width, height: height, path: path)
        switch chosen {
        case .chw:
            return LabelMaps(labels: s[0], width: s[2], height: s[1], values: array.values)
        case .hwc:
            let (h, w, l) = (s[0], s[1], s[2])
            return LabelMaps(labels: l, width: w, height: h,
                             values: MatrixTranspose.transposed(array.values, rows: w * h, columns: l))
        }
    }

    private static func detect(_ s: [Int], width: Int, height: Int, path: String) throws -> ArrayLayout {
        let spatial: [ArrayLayout: (h: Int, w: Int)] = [.chw: (s[1], s[2]), .hwc: (s[0], s[1])]
        func pick(_ test: (Int, Int) -> Bool) -> [ArrayLayout] {
            allCases.filter { spatial[$0].map { test($0.h, $0.w) }! }
        }
        for matches in [pick { $0 == height && $1 == width },
                        pick { LabelMaps.sameAspect(width: $1, height: $0, imageWidth: width, imageHeight: height) }] {
            if matches.count == 1 { return matches[0] }
            if matches.count == 2 {
                throw CRFIOError(path: path, message: "shape \(shapeText(s)) fits the \(width)x\(height) image both as (L, H, W) and (H, W, L); pass --layout chw or --layout hwc")
            }
        }
        if s[0] < s[2] { return .chw }
        if s[2] < s[0] { return .hwc }
        throw CRFIOError(path: path, message: "shape \(shapeText(s)) could be (L, H, W) or (H, W, L); pass --layout chw or --layout hwc")
    }

    public static func shapeText(_ shape: [Int]) -> String {
        "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
    }
}
