import Testing
import Terminal
import Viewer
import Randomness

@Suite struct ColorPairAllocatorTests {
    private func colors(_ fg: Int, _ bg: Int) -> TerminalColorPair {
        TerminalColorPair(foreground: .indexed(UInt8(fg)), background: .indexed(UInt8(bg)))
    }

    @Test func bindsNewPairsOnceAndKeepsThem() {
        var allocator = ColorPairAllocator(capacity: 4)
        let first = allocator.prepare(frame: [colors(1, 2), colors(3, 4), colors(1, 2)])
        #expect(first.map(\.pair) == [1, 2])
        #expect(allocator.pair(for: colors(1, 2)) == 1)
        #expect(allocator.prepare(frame: [colors(3, 4), colors(1, 2)]).isEmpty)
        #expect(allocator.pair(for: colors(3, 4)) == 2)
    }

    @Test func defaultColoursUsePairZero() {
        var allocator = ColorPairAllocator(capacity: 2)
        let plain = TerminalColorPair(foreground: .default, background: .default)
        #expect(allocator.prepare(frame: [plain]).isEmpty)
        #expect(allocator.pair(for: plain) == 0)
    }

    @Test func fullTableFreesOnlyPairsTheFrameDoesNotUse() {
        var allocator = ColorPairAllocator(capacity: 3)
        _ = allocator.prepare(frame: [colors(1, 1), colors(2, 2), colors(3, 3)])
        let definitions = allocator.prepare(frame: [colors(2, 2), colors(4, 4)])
        #expect(allocator.pair(for: colors(2, 2)) == 2)
        #expect(definitions.count == 1)
        #expect(definitions[0].colors == colors(4, 4))
        #expect(definitions[0].pair != 2)
        #expect(allocator.pair(for: colors(1, 1)) == 0)
    }

    @Test func overflowFallsBackToPairZero() {
        var allocator = ColorPairAllocator(capacity: 2)
        let definitions = allocator.prepare(frame: [colors(1, 1), colors(2, 2), colors(3, 3)])
        #expect(definitions.map(\.pair) == [1, 2])
        #expect(allocator.pair(for: colors(3, 3)) == 0)
    }

    /// Simulates a terminal: cells keep the pair number they were drawn with until they are
    /// redrawn, and only changed cells are redrawn (as the backend does). After every frame
    /// each cell's pair must still stand for the colours that cell should show.
    @Test(arguments: [3, 5, 8, 40])
    func cellsOnScreenNeverShowARedefinedPair(capacity: Int) {
        var allocator = ColorPairAllocator(capacity: capacity)
        var generator = SplitMix64(seed: UInt64(capacity))
        let cellCount = 12
        var wanted: [TerminalColorPair?] = Array(repeating: nil, count: cellCount)
        var drawnPair: [Int32] = Array(repeating: 0, count: cellCount)
        for _ in 0..<500 {
            let frame = (0..<cellCount).map { index -> TerminalColorPair in
                // Mostly unchanged cells, some changing among more combinations than fit.
                if let old = wanted[index], generator.next() % 4 != 0 { return old }
                return colors(Int(generator.next() % 7), Int(generator.next() % 3))
            }
            for definition in allocator.prepare(frame: frame) {
                #expect(!(0..<cellCount).contains { wanted[$0] == frame[$0] && drawnPair[$0] == definition.pair },
                        "redefined pair \(definition.pair) is still on screen for unchanged cells")
            }
            for index in 0..<cellCount where wanted[index] != frame[index] {
                drawnPair[index] = allocator.pair(for: frame[index])
            }
            wanted = frame
            for index in 0..<cellCount where drawnPair[index] != 0 {
                #expect(allocator.colors(ofPair: drawnPair[index]) == wanted[index])
            }
        }
    }
}

/// A small deterministic generator so the simulation is reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
