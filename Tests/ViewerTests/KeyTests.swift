import Testing
import Viewer

@Suite struct KeyTests {
    @Test func controlCodesBecomeNamedKeys() {
        #expect(Key(scalar: "\r") == .enter)
        #expect(Key(scalar: "\n") == .enter)
        #expect(Key(scalar: "\t") == .tab)
        #expect(Key(scalar: "\u{1B}") == .escape)
        #expect(Key(scalar: "\u{7F}") == .backspace)
        #expect(Key(scalar: "\u{08}") == .backspace)
        #expect(Key(scalar: "\u{0C}") == .control("l"))
        #expect(Key(scalar: "\u{03}") == .control("c"))
    }

    @Test func printableCharactersPassThrough() {
        for character in "?<>[]_=+-q é" {
            #expect(Key(scalar: character.unicodeScalars.first!) == .character(character))
        }
    }
}
