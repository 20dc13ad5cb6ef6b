/// The `--colors` choice: let the terminal decide, or insist on a mode.
public enum ColorModeOption: Hashable, Sendable {
    case auto
    case forced(ColorMode)

    /// Parses `auto`, `truecolor` (or `24bit`), `256`, `16`, `8`, `mono`; nil otherwise.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "auto": self = .auto
        case "24bit": self = .forced(.truecolor)
        default:
            guard let mode = ColorMode(rawValue: text.lowercased()) else { return nil }
            self = .forced(mode)
        }
    }

    /// The accepted spellings, for help text and error messages.
    public static let spellings = ["auto", "truecolor", "256", "16", "8", "mono"]
}
