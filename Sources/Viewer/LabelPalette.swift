/// Colours for label maps, one per label index.
public enum LabelPalette {
    /// The PASCAL VOC colour map for labels 0–255: each label's bits are spread over the
    /// high bits of R, G and B (bit 0 → R, bit 1 → G, bit 2 → B, then the next three bits one
    /// place lower), as in the VOC development kit's `labelcolormap.m`. Label 0 is black,
    /// 255 (VOC's "void") is (224, 224, 192).
    public static let voc: [RGB] = (0..<256).map { label in
        var r: UInt8 = 0, g: UInt8 = 0, b: UInt8 = 0
        var bits = label
        for shift in (0..<8).reversed() {
            r |= UInt8(bits & 1) << shift
            g |= UInt8(bits >> 1 & 1) << shift
            b |= UInt8(bits >> 2 & 1) << shift
            bits >>= 3
        }
        return RGB(r, g, b)
    }

    /// The built-in palettes a theme can name.
    public static func named(_ name: String) -> [RGB]? {
        name == "voc" ? voc : nil
    }
}
