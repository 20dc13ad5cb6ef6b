import RealModule
import Testing
@testable import DenseCRF

@Suite struct ModelValidationTests {
    @Test func rejectsBadUnaries() {
        #expect(throws: CRFError.self) { try UnaryEnergies(pixelMajor: [0, 1], labels: 1, pixels: 2) }
        #expect(throws: CRFError.self) { try UnaryEnergies(pixelMajor: [0, .nan, 1, 2], labels: 2, pixels: 2) }
        #expect(throws: CRFError.self) { try UnaryEnergies(probabilities: [0.5, .infinity, 0.5, 0.5], labels: 2, pixels: 2) }
        #expect(throws: CRFError.self) { try UnaryEnergies(annotation: [0, 3], labels: 2, gtProb: 0.7) }
        #expect(throws: CRFError.self) { try UnaryEnergies(annotation: [0, 1], labels: 2, gtProb: 1) }
    }

    @Test func probabilityUnaryFollowsPydensecrf() throws {
        // U = -log(clamp(scale*p + (1-scale)/L, clip, 1)), label-major input.
        let p: [Float] = [0.9, 0, 0.1, 1.2]   // label 0: pixels 0,1; label 1: pixels 0,1
        let u = try UnaryEnergies(probabilities: p, labels: 2, pixels: 2, clip: 1e-5)
        #expect(abs(u.values[0] - -Float.log(0.9)) < 1e-6)
        #expect(abs(u.values[1] - -Float.log(0.1)) < 1e-6)
        #expect(abs(u.values[2] - -Float.log(1e-5)) < 1e-5)
        #expect(u.values[3] == 0)
        let s = try UnaryEnergies(probabilities: p, labels: 2, pixels: 2, scale: 0.5)
        #expect(abs(s.values[0] - -Float.log(0.5 * 0.9 + 0.25)) < 1e-6)
    }

    @Test func annotationUnaryFollowsPydensecrf() throws {
        let u = try UnaryEnergies(annotation: [0, 2], labels: 3, gtProb: 0.7)
        #expect(abs(u.values[0] - -Float.log(1 / 3)) < 1e-6)
        #expect(abs(u.values[3] - -Float.log(0.15)) < 1e-6)
        #expect(abs(u.values[4] - -Float.log(0.7)) < 1e-6)
    }

    @Test func rejectsBadParameters() throws {
        let image = TestImages.twoRegions(width: 4, height: 4)
        let unary = try UnaryEnergies(pixelMajor: [Float](repeating: 1, count: 32), labels: 2, pixels: 16)
        let bad: [CRFParameters] = [
            CRFParameters(gaussian: GaussianKernelParameters(sxy: 0)),
            CRFParameters(bilateral: BilateralKernelParameters(srgb: -1)),
            CRFParameters(gaussian: GaussianKernelParameters(compat: .matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))),
            CRFParameters(bilateral: BilateralKernelParameters(compat: .diagonal([1]))),
            CRFParameters(gaussian: GaussianKernelParameters(compat: .potts(.nan))),
            CRFParameters(iterations: -1),
        ]
        for p in bad {
            #expect(throws: CRFError.self) { try DenseCRF(image: image, unary: unary, parameters: p) }
        }
        let err = #expect(throws: CRFError.self) {
            try DenseCRF(image: image, unary: unary, parameters: CRFParameters(gaussian: GaussianKernelParameters(compat: .matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))))
        }
        #expect(err?.message == "compatibility matrix is 3x3 but there are 2 labels (need 2x2)")
    }

    /// Widths below the smallest that keeps the scaled features finite, and compatibilities
    /// that would swamp every label alike, are refused with the limit in the message.
    @Test func widthsAndCompatibilitiesHaveLimits() throws {
        let image = TestImages.twoRegions(width: 4, height: 4)
        let unary = try UnaryEnergies(pixelMajor: [Float](repeating: 1, count: 32), labels: 2, pixels: 16)
        func message(_ p: CRFParameters) -> String? {
            #expect(throws: CRFError.self) { try DenseCRF(image: image, unary: unary, parameters: p) }?.message
        }
        #expect(message(CRFParameters(gaussian: GaussianKernelParameters(sxy: 1e-37)))
            == "gaussian sxy must be at least 2.710506e-20 (smaller widths make the scaled features overflow), got 1e-37")
        #expect(message(CRFParameters(bilateral: BilateralKernelParameters(srgb: 1e-45)))
            == "bilateral srgb must be at least 7.4937774e-37 (smaller widths make the scaled features overflow), got 1e-45")
        #expect(message(CRFParameters(bilateral: BilateralKernelParameters(compat: .potts(1e38))))
            == "bilateral compat must be at most 1e+20 in magnitude (larger weights swamp every label alike), got 1e+38")
        let kernel = FeatureKernelParameters(features: [Float](repeating: 1e30, count: 16), dimension: 1, widths: [1e-10], compat: .potts(1))
        #expect(message(CRFParameters(gaussian: nil, bilateral: nil, featureKernels: [kernel]))
            == "feature kernel 1 width must be at least 2.9387364e-09 (smaller widths make the scaled features overflow), got 1e-10")
        _ = try DenseCRF(image: image, unary: unary, parameters: CRFParameters(gaussian: GaussianKernelParameters(sxy: 2.710506e-20, compat: .potts(1e20))))
    }

    @Test func compatibilityMeanings() {
        #expect(LabelCompatibility.potts(2).dense(labels: 2) == [-2, 0, 0, -2])
        #expect(LabelCompatibility.diagonal([1, -3]).dense(labels: 2) == [1, 0, 0, -3])
        #expect(LabelCompatibility.matrix([[0, 4], [2, 1]]).dense(labels: 2) == [0, 3, 3, 1])
    }
}
