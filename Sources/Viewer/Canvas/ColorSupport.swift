/// Whether the screen shows cell colours at all. The backend says (a terminal without
/// colours reports `.monochrome`); the viewer then draws label maps as distinct glyphs and
/// images as shades (see `ShadeRenderer`), since colours alone would be lost.
public enum ColorSupport: Hashable, Sendable {
    case color
    case monochrome
}
