import CRFShared

/// Colours for label maps, one per label index.
public enum LabelPalette {
    /// The PASCAL VOC colour map for labels 0–255: each label's bits are spread over the
    /// high bits of R, G and B (bit 0 → R, bit 1 → G, bit 2 → B, then the next three bits one
    /// place lower), as in the VOC development kit's `labelcolormap.m`, except label 0: VOC's
    /// black would vanish on a dark terminal, so the viewer draws it mid-dark grey (96, 96,
    /// 96), apart from every other VOC colour and visible on dark and light backgrounds alike.
    /// Label PNGs keep VOC's own colours. 255 (VOC's "void") is (224, 224, 192).
    public static let voc: [RGB] = [RGB(96, 96, 96)] + VOCColormap.colors().dropFirst().map { RGB($0.0, $0.1, $0.2) }

    /// The built-in palettes a theme can name.
    public static func named(_ name: String) -> [RGB]? {
        name == "voc" ? voc : nil
    }
}
