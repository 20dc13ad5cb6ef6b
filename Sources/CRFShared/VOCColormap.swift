/// The PASCAL VOC colour map, the palette of label PNGs.
public enum VOCColormap {
    /// Class c gets the colour whose bits come from c's bits interleaved into the top of R, G
    /// and B (c = 0 black, 1 maroon, 2 green, 3 olive, …, 255 light grey), as in VOC's own
    /// annotation PNGs.
    public static func colors(count: Int = 256) -> [(UInt8, UInt8, UInt8)] {
        (0..<count).map { index in
            var (r, g, b) = (0, 0, 0)
            var c = index
            for shift in stride(from: 7, through: 0, by: -1) {
                r |= (c & 1) << shift
                g |= ((c >> 1) & 1) << shift
                b |= ((c >> 2) & 1) << shift
                c >>= 3
            }
            return (UInt8(r), UInt8(g), UInt8(b))
        }
    }
}
