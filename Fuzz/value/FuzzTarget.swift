// libFuzzer target: a value typed in the viewer, for every tunable parameter, and the same
// text as a command-line compatibility.
import CRFIO
import DenseCRF
@testable import Viewer

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var p = CRFParameters()
    p.bilateral?.compat = .matrix([[0, 1, 2], [1, 0, 1], [2, 1, 0]])
    let parameters: [TunableParameter] = [.gaussianSxy, .bilateralSxy, .bilateralSrgb, .gaussianCompat, .bilateralCompat,
                                          .compatCell(bilateral: true, row: 0, column: 2), .iterations, .gtProb, .clip, .scale]
    for parameter in parameters {
        if case .success(let (q, _)) = ParameterEditor.set(parameter, to: text, labels: 3, p, UnarySettings()) {
            // What the editor accepts, the engine must accept too.
            do { try q.validate(labels: 3) } catch { fatalError("editor accepted '\(text)' for \(parameter) but the engine refuses: \(error)") }
        }
    }
    _ = ValueText.compatibility(text)
    return 0
}
