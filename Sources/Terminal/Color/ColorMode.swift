/// How many colours the terminal can show, from richest to poorest.
///
/// Ordered (`Comparable`) by richness, so a request can be capped at what the
/// terminal's terminfo entry supports: `min(requested, capability)`.
public enum ColorMode: String, CaseIterable, Comparable, Sendable {
    case mono
    case ansi8 = "8"
    case ansi16 = "16"
    case palette256 = "256"
    case truecolor

    /// The mode a terminfo entry supports: direct colour when it declares the `RGB`
    /// capability or 2^24 colours (ncurses' `*-direct` entries), else by colour count.
    public static func capability(colors: Int, hasRGBFlag: Bool) -> ColorMode {
        if hasRGBFlag || colors >= 1 << 24 { return .truecolor }
        if colors >= 256 { return .palette256 }
        if colors >= 16 { return .ansi16 }
        if colors >= 8 { return .ansi8 }
        return .mono
    }

    /// The mode worth asking the terminal for before looking at its terminfo limits:
    /// a forced mode as is, otherwise truecolour when `COLORTERM` is `truecolor` or
    /// `24bit` (the convention chafa and most truecolour tools follow), else `capability`.
    public static func requested(by option: ColorModeOption, colorTerm: String?,
                                 capability: ColorMode) -> ColorMode {
        if case .forced(let mode) = option { return mode }
        let term = colorTerm?.lowercased()
        return term == "truecolor" || term == "24bit" ? .truecolor : capability
    }

    /// A terminfo entry of the same family as `term` that offers `mode`, e.g.
    /// `xterm-256color` → `xterm-direct` for truecolour, `tmux-256color` → `tmux-direct`.
    /// ncurses only emits what terminfo describes, so reaching a richer mode means
    /// loading such an entry; nil when the family naming gives nothing new.
    public static func terminfoName(for term: String, offering mode: ColorMode) -> String? {
        let suffix: String
        switch mode {
        case .truecolor: suffix = "direct"
        case .palette256: suffix = "256color"
        case .ansi16: suffix = "16color"
        case .ansi8, .mono: return nil
        }
        guard let family = term.split(separator: "-").first, !family.isEmpty else { return nil }
        let name = "\(family)-\(suffix)"
        return name == term ? nil : name
    }

    public static func < (lhs: ColorMode, rhs: ColorMode) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
