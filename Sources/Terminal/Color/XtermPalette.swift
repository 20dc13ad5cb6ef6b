import Viewer

/// The xterm 256-colour palette as xterm defines it by default.
public enum XtermPalette {
    /// Channel levels of the 6×6×6 cube at indices 16–231.
    public static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// xterm's default values for the 16 system colours. Users and themes often
    /// redefine these, which is why the quantiser avoids them in 256-colour mode.
    public static let system: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    /// The colour at an index 0–255: system colours, then the cube
    /// (16 + 36r + 6g + b), then 24 greys 8, 18, …, 238.
    public static func color(at index: Int) -> RGB {
        precondition((0..<256).contains(index), "xterm palette index \(index) out of range")
        switch index {
        case ..<16:
            return system[index]
        case ..<232:
            let cube = index - 16
            return RGB(cubeLevels[cube / 36], cubeLevels[cube / 6 % 6], cubeLevels[cube % 6])
        default:
            let level = UInt8(8 + 10 * (index - 232))
            return RGB(level, level, level)
        }
    }
}
