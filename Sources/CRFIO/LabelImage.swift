import DenseCRF

/// A label or annotation image as stored on disk.
///
/// Palette and gray PNGs carry one class index per pixel: `indices` keeps those raw values
/// (palette indices, never the palette's colours; gray levels as stored). RGB PNGs carry
/// colours, which the caller maps to classes through its own colour table.
public enum LabelImage: Sendable, Equatable {
    /// Row-major, `values[y * width + x]`.
    case indices(width: Int, height: Int, values: [UInt8])
    case rgb(RGBImage)

    public var width: Int {
        switch self {
        case .indices(let width, _, _): width
        case .rgb(let image): image.width
        }
    }

    public var height: Int {
        switch self {
        case .indices(_, let height, _): height
        case .rgb(let image): image.height
        }
    }
}
