// libFuzzer target: a value typed in the viewer, for every tunable parameter, and the same
// text as a command-line compatibility.
import CRFIO
import DenseCRF
@testable import Viewer

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // A model with every kind of entry: a matrix, an untied kernel, a feature kernel and a
    // unary calibration; and every unary setting.
    var p = CRFParameters()
    p.bilateral?.compat = .matrix([[0, 1, 2], [1, 0, 1], [2, 1, 0]])
    p.gaussian?.compatSteps = [.potts(3), .diagonal([1, 2, 3])]
    p.featureKernels = [FeatureKernelParameters(features: [0, 1, 2, 3], dimension: 2, widths: [1, 2], compat: .potts(1))]
    p.unaryCalibration = UnaryCalibration(weight: 1.5, bias: [0, 0.5, -0.5])
    let parameters = TunableParameter.list(for: p, source: .probabilities(labelMajor: [], labels: 3)) + [.gtProb]
    for parameter in parameters {
        if case .success(let (q, _)) = ParameterEditor.set(parameter, to: text, labels: 3, p, UnarySettings()) {
            // What the editor accepts, the engine must accept too.
            do { try q.validate(labels: 3) } catch { fatalError("editor accepted '\(text)' for \(parameter) but the engine refuses: \(error)") }
        }
    }
    _ = ValueText.compatibility(text)
    return 0
}
