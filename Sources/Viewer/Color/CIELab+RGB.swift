import Colorimetry

extension CIELab {
    /// The L*a*b* of a cell colour.
    public init(_ rgb: RGB) {
        self.init(red: rgb.r, green: rgb.g, blue: rgb.b)
    }
}
