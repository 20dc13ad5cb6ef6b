/// The built-in themes' TOML, compiled in so the viewer needs no files at run time
/// wherever it is started from. `Themes/*.toml` in the repository holds the same text for
/// users to copy; a test keeps the two identical.
enum BuiltinThemes {
    /// (name, TOML) in the order themes are offered, the default first.
    static let sources: [(name: String, toml: String)] = [
        ("dark", #"""
        # crfview theme "dark", the default.
        # Copy this file to $XDG_CONFIG_HOME/crfview/themes/ (usually ~/.config/crfview/themes/)
        # and edit it; a user theme with the same file name replaces the built-in one.
        # Colours are "#rrggbb"; "" keeps the terminal's own colour.
        name = "dark"

        [ui]
        background = ""          # the terminal's background, transparency included
        panel = "#1e1e2e"
        text = "#cdd6f4"
        dim_text = "#7f849c"
        accent = "#89b4fa"
        status_bg = "#313244"
        status_fg = "#cdd6f4"
        cursor = "#f38ba8"
        border = "#585b70"

        [labels]
        palette = "voc"          # "voc", or a list of "#rrggbb": label i takes entry i, repeating

        [heatmap]
        map = "viridis"          # viridis, magma, inferno, cividis, gray

        """#),
        ("light", #"""
        # crfview theme "light", for terminals with a light background.
        # Colours are "#rrggbb"; "" keeps the terminal's own colour.
        name = "light"

        [ui]
        background = "#eff1f5"
        panel = "#e6e9ef"
        text = "#4c4f69"
        dim_text = "#8c8fa1"
        accent = "#1e66f5"
        status_bg = "#ccd0da"
        status_fg = "#4c4f69"
        cursor = "#d20f39"
        border = "#9ca0b0"

        [labels]
        palette = "voc"

        [heatmap]
        map = "magma"

        """#),
        ("high-contrast", #"""
        # crfview theme "high-contrast": pure black and white chrome, saturated accents.
        # Colours are "#rrggbb"; "" keeps the terminal's own colour.
        name = "high-contrast"

        [ui]
        background = "#000000"
        panel = "#000000"
        text = "#ffffff"
        dim_text = "#d0d0d0"
        accent = "#ffff00"
        status_bg = "#ffffff"
        status_fg = "#000000"
        cursor = "#ff00ff"
        border = "#ffffff"

        [labels]
        palette = "voc"

        [heatmap]
        map = "inferno"

        """#),
        ("colorblind", #"""
        # crfview theme "colorblind": labels in Okabe & Ito's eight colours, which stay apart
        # under the common colour-vision deficiencies, and the cividis heat map.
        # Colours are "#rrggbb"; "" keeps the terminal's own colour.
        name = "colorblind"

        [ui]
        background = ""
        panel = "#1c1c1c"
        text = "#e4e4e4"
        dim_text = "#8a8a8a"
        accent = "#56b4e9"
        status_bg = "#303030"
        status_fg = "#e4e4e4"
        cursor = "#e69f00"
        border = "#5f5f5f"

        [labels]
        # grey (Okabe & Ito's black lightened so label 0 shows on a dark terminal), orange, sky
        # blue, bluish green, yellow, blue, vermillion, reddish purple
        palette = [
            "#999999", "#e69f00", "#56b4e9", "#009e73",
            "#f0e442", "#0072b2", "#d55e00", "#cc79a7",
        ]

        [heatmap]
        map = "cividis"

        """#),
    ]
}
