/// Where the label axis of a per-pixel array is: (L, H, W) as network outputs and pydensecrf
/// use, or (H, W, L) as image libraries do.
public enum ArrayLayout: String, Sendable, CaseIterable {
    case chw, hwc

    /// Brings a 3-D array to label-major (L, H·W) order for an image of `width`×`height`.
    ///
    /// `layout` nil means detect: the layout whose spatial axes match the image. When both
    /// match (a square image with as many labels as rows) or neither does, the caller must say.
    public static func labelMajor(
        _ array: NPYArray, width: Int, height: Int, layout: ArrayLayout?, path: String
    ) throws -> (labels: Int, values: [Float]) {
        guard array.shape.count == 3 else {
            throw CRFIOError(path: path, message: "expected a 3-D array (L, H, W) or (H, W, L), got shape \(shapeText(array.shape))")
        }
        let s = array.shape
        let matchesCHW = s[1] == height && s[2] == width
        let matchesHWC = s[0] == height && s[1] == width
        let chosen: ArrayLayout
        if let layout {
            guard layout == .chw ? matchesCHW : matchesHWC else {
                throw CRFIOError(path: path, message: "shape \(shapeText(s)) does not match the \(width)x\(height) image as --layout \(layout.rawValue) (\(layout == .chw ? "L, \(height), \(width)" : "\(height), \(width), L"))")
            }
            chosen = layout
        } else if matchesCHW && matchesHWC {
            throw CRFIOError(path: path, message: "shape \(shapeText(s)) matches the \(width)x\(height) image both as (L, H, W) and (H, W, L); pass --layout chw or --layout hwc")
        } else if matchesCHW {
            chosen = .chw
        } else if matchesHWC {
            chosen = .hwc
        } else {
            throw CRFIOError(path: path, message: "shape \(shapeText(s)) does not match the \(width)x\(height) image: expected (L, \(height), \(width)) or (\(height), \(width), L); pass --layout chw|hwc if the image is not the one the array was made for")
        }
        switch chosen {
        case .chw:
            return (s[0], array.values)
        case .hwc:
            let l = s[2], n = width * height
            var out = [Float](repeating: 0, count: array.values.count)
            for i in 0..<n {
                for k in 0..<l { out[k * n + i] = array.values[i * l + k] }
            }
            return (l, out)
        }
    }

    static func shapeText(_ shape: [Int]) -> String {
        "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
