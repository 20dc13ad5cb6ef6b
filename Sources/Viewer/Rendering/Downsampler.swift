/// Resamples images, label maps and scalar fields to the pixel grid a pane can show.
///
/// All three use the same exact coverage weights (`AxisCoverage`): a target pixel sees
/// every source pixel it overlaps, weighted by the overlapped area, including fractional
/// overlaps at non-integer ratios. Enlarging works too (a target then covers part of one
/// or two source pixels).
public enum Downsampler {
    /// Box (area-average) filter for colours: each channel is the coverage-weighted mean of
    /// the source pixels, rounded half up. Computed in integers, so results are exact.
    public static func areaAverage(_ pixels: [RGB], size: Size, to target: Size) -> [RGB] {
        check(pixels.count, size, target)
        let columns = AxisCoverage(source: size.width, target: target.width)
        let rows = AxisCoverage(source: size.height, target: target.height)
        // Horizontal pass: per source row, channel sums weighted by column coverage.
        var partial = [Int](repeating: 0, count: size.height * target.width * 3)
        for y in 0..<size.height {
            for (x, span) in columns.spans.enumerated() {
                var r = 0, g = 0, b = 0
                for (offset, weight) in span.weights.enumerated() {
                    let pixel = pixels[y * size.width + span.start + offset]
                    r += weight * Int(pixel.r)
                    g += weight * Int(pixel.g)
                    b += weight * Int(pixel.b)
                }
                let index = (y * target.width + x) * 3
                partial[index] = r
                partial[index + 1] = g
                partial[index + 2] = b
            }
        }
        let total = columns.total * rows.total
        var result: [RGB] = []
        result.reserveCapacity(target.width * target.height)
        for span in rows.spans {
            for x in 0..<target.width {
                var sums = (0, 0, 0)
                for (offset, weight) in span.weights.enumerated() {
                    let index = ((span.start + offset) * target.width + x) * 3
                    sums.0 += weight * partial[index]
                    sums.1 += weight * partial[index + 1]
                    sums.2 += weight * partial[index + 2]
                }
                func channel(_ sum: Int) -> UInt8 { UInt8((2 * sum + total) / (2 * total)) }
                result.append(RGB(channel(sums.0), channel(sums.1), channel(sums.2)))
            }
        }
        return result
    }

    /// Box filter for a scalar field (marginals, entropy, costs) before colour mapping, so
    /// the heat map shows the mean of what a cell covers rather than one sampled value.
    public static func areaAverage(_ field: [Float], size: Size, to target: Size) -> [Float] {
        check(field.count, size, target)
        let columns = AxisCoverage(source: size.width, target: target.width)
        let rows = AxisCoverage(source: size.height, target: target.height)
        let total = Float(columns.total * rows.total)
        var result: [Float] = []
        result.reserveCapacity(target.width * target.height)
        for rowSpan in rows.spans {
            for columnSpan in columns.spans {
                var sum: Float = 0
                for (dy, rowWeight) in rowSpan.weights.enumerated() {
                    let row = (rowSpan.start + dy) * size.width + columnSpan.start
                    var rowSum: Float = 0
                    for (dx, columnWeight) in columnSpan.weights.enumerated() {
                        rowSum += Float(columnWeight) * field[row + dx]
                    }
                    sum += Float(rowWeight) * rowSum
                }
                result.append(sum / total)
            }
        }
        return result
    }

    /// Majority vote for label maps: each target pixel takes the label covering most of
    /// its area; ties go to the lowest label. Labels are never blended or dithered (a mean
    /// of two class ids is a third, unrelated class), and any value survives as is,
    /// including "void" labels such as VOC's 255.
    public static func majority<Label: BinaryInteger>(_ labels: [Label], size: Size, to target: Size) -> [Label] {
        check(labels.count, size, target)
        let columns = AxisCoverage(source: size.width, target: target.width)
        let rows = AxisCoverage(source: size.height, target: target.height)
        var result: [Label] = []
        result.reserveCapacity(target.width * target.height)
        // A target pixel covers few source pixels, so a short list beats a dictionary.
        var votes: [(label: Label, weight: Int)] = []
        for rowSpan in rows.spans {
            for columnSpan in columns.spans {
                votes.removeAll(keepingCapacity: true)
                for (dy, rowWeight) in rowSpan.weights.enumerated() {
                    let row = (rowSpan.start + dy) * size.width + columnSpan.start
                    for (dx, columnWeight) in columnSpan.weights.enumerated() {
                        let label = labels[row + dx]
                        let weight = rowWeight * columnWeight
                        if let index = votes.firstIndex(where: { $0.label == label }) {
                            votes[index].weight += weight
                        } else {
                            votes.append((label, weight))
                        }
                    }
                }
                var winner = votes[0]
                for vote in votes.dropFirst()
                where vote.weight > winner.weight || (vote.weight == winner.weight && vote.label < winner.label) {
                    winner = vote
                }
                result.append(winner.label)
            }
        }
        return result
    }

    private static func check(_ count: Int, _ size: Size, _ target: Size) {
        precondition(count == size.width * size.height, "expected \(size.width)×\(size.height) values, got \(count)")
        precondition(size.width > 0 && size.height > 0 && target.width > 0 && target.height > 0,
                     "resampling needs non-empty sizes")
    }
}
