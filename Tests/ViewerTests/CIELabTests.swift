import Colorimetry
import Testing
import Viewer

/// CIELAB conversion and CIEDE2000, the colour difference themes and the terminal quantiser measure with.
@Suite struct CIELabTests {
    /// Test pairs from Sharma, Wu & Dalal (2005), table 1, to four decimals.
    @Test(arguments: [
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
    ])
    func deltaE2000MatchesSharmaTable(first: (Double, Double, Double), second: (Double, Double, Double),
                                      expected: Double) {
        let a = CIELab(l: first.0, a: first.1, b: first.2)
        let b = CIELab(l: second.0, a: second.1, b: second.2)
        #expect(abs(CIELab.deltaE2000(a, b) - expected) < 0.00005)
        #expect(abs(CIELab.deltaE2000(b, a) - expected) < 0.00005)
    }

    @Test func labOfWhiteAndBlack() {
        let white = CIELab(.white)
        #expect(abs(white.l - 100) < 0.01 && abs(white.a) < 0.01 && abs(white.b) < 0.01)
        #expect(CIELab(.black) == CIELab(l: 0, a: 0, b: 0))
    }
}
