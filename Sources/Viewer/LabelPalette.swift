import CRFIO

/// Colours for label maps, one per label index.
public enum LabelPalette {
    /// The PASCAL VOC colour map for labels 0–255: each label's bits are spread over the
    /// high bits of R, G and B (bit 0 → R, bit 1 → G, bit 2 → B, then the next three bits one
    /// place lower), as in the VOC development kit's `labelcolormap.m`. Label 0 is black,
    /// 255 (VOC's "void") is (224, 224, 192).
    public static let voc: [RGB] = VOCColormap.colors().map { RGB($0.0, $0.1, $0.2) }

    /// The built-in palettes a theme can name.
    public static func named(_ name: String) -> [RGB]? {
        name == "voc" ? voc : nil
    }
}
