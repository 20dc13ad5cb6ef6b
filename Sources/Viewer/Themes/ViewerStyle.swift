/// The cell styles of the viewer's chrome, from the theme's UI colours.
struct ViewerStyle {
    let base: CellStyle
    let panel: CellStyle
    let dim: CellStyle
    let accent: CellStyle
    let bar: CellStyle
    let barAccent: CellStyle
    let border: CellStyle
    let selected: CellStyle

    init(_ theme: Theme) {
        let ui = theme.ui
        let bg = CellColor(ui.background)
        let panelBg = CellColor(ui.panel ?? ui.background)
        base = CellStyle(foreground: CellColor(ui.text), background: bg)
        panel = CellStyle(foreground: CellColor(ui.text), background: panelBg)
        dim = CellStyle(foreground: CellColor(ui.dimText ?? ui.text), background: panelBg)
        accent = CellStyle(foreground: CellColor(ui.accent ?? ui.text), background: panelBg, attributes: .bold)
        bar = CellStyle(foreground: CellColor(ui.statusText), background: CellColor(ui.statusBackground),
                        attributes: ui.statusBackground == nil ? .reverse : [])
        barAccent = CellStyle(foreground: CellColor(ui.statusText), background: CellColor(ui.statusBackground),
                              attributes: ui.statusBackground == nil ? [.reverse, .bold] : .bold)
        border = CellStyle(foreground: CellColor(ui.border ?? ui.dimText), background: bg)
        selected = CellStyle(foreground: CellColor(ui.panel ?? ui.background), background: CellColor(ui.accent ?? ui.text),
                             attributes: ui.accent == nil ? [.reverse, .bold] : .bold)
    }
}
