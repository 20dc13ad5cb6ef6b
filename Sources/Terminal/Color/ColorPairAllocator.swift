/// Assigns ncurses colour-pair numbers to the colour combinations of each frame.
///
/// ncurses draws a cell with a pair *number*; redefining a number recolours every cell
/// on screen that uses it. ncurses' own `alloc_pair` silently recycles numbers when its
/// table is full, which would repaint unrelated cells, so the backend manages numbers
/// itself with this pure-Swift table:
///
/// - Pair 0 is the terminal's default colours and is never defined or handed out.
/// - Numbers stay bound to their colours across frames, so unchanged cells keep valid pairs.
/// - When a frame needs more new combinations than there are free numbers, only pairs
///   whose colours the *new* frame does not use are freed. That is safe: a cell on screen
///   that uses such a pair must change colour in this frame, so the backend rewrites it
///   before the next refresh, while every cell the backend leaves alone keeps colours that
///   the frame still uses, whose numbers are untouched. No full repaint is needed.
/// - A frame with more combinations than `capacity` gets numbers for the first `capacity`
///   (in the order given); the rest fall back to pair 0.
public struct ColorPairAllocator: Sendable {
    /// Usable pair numbers are `1...capacity`.
    public let capacity: Int
    private var numbers: [TerminalColorPair: Int32] = [:]
    private var owners: [TerminalColorPair?]
    private var free: [Int32]

    /// A number the backend must (re)define with `init_extended_pair` before drawing.
    public struct Definition: Hashable, Sendable {
        public var pair: Int32
        public var colors: TerminalColorPair
    }

    public init(capacity: Int) {
        precondition(capacity >= 0, "pair capacity must not be negative")
        self.capacity = capacity
        owners = Array(repeating: nil, count: capacity + 1)
        // Popped from the end, so the lowest numbers go out first.
        free = capacity > 0 ? (1...capacity).reversed().map(Int32.init) : []
    }

    /// Binds a number to every combination `frame` uses (in first-use order; duplicates are
    /// fine) and returns the numbers whose definition is new. Call once per frame, before
    /// drawing it, then look numbers up with `pair(for:)`.
    public mutating func prepare(frame: [TerminalColorPair]) -> [Definition] {
        var needed: [TerminalColorPair] = []
        var seen = Set<TerminalColorPair>()
        for colors in frame where !colors.isDefault && seen.insert(colors).inserted {
            if numbers[colors] == nil { needed.append(colors) }
        }
        if needed.count > free.count {
            for (colors, number) in numbers where !seen.contains(colors) {
                numbers[colors] = nil
                owners[Int(number)] = nil
                free.append(number)
            }
        }
        var definitions: [Definition] = []
        for colors in needed {
            guard let number = free.popLast() else { break }
            numbers[colors] = number
            owners[Int(number)] = colors
            definitions.append(Definition(pair: number, colors: colors))
        }
        return definitions
    }

    /// The number bound to `colors`, or 0 (terminal defaults) for the default pair and for
    /// combinations that did not fit.
    public func pair(for colors: TerminalColorPair) -> Int32 {
        numbers[colors] ?? 0
    }

    /// The colours a number currently stands for; nil when unbound.
    public func colors(ofPair number: Int32) -> TerminalColorPair? {
        number > 0 && Int(number) <= capacity ? owners[Int(number)] : nil
    }
}
