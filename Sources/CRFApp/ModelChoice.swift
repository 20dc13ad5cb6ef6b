import CRFIO
import DenseCRF

/// The model the user chose (a params file and flags), to be completed once a problem's label
/// count is known: the command line validates each value against it and names the flag or the
/// file a bad one came from.
public struct ModelChoice: Sendable {
    public let paramsPath: String?
    public let paramsFile: ParamsFile?
    public let resolve: @Sendable (_ labels: Int) throws -> (CRFParameters, UnarySettings)

    public init(paramsPath: String?, paramsFile: ParamsFile?,
                resolve: @escaping @Sendable (_ labels: Int) throws -> (CRFParameters, UnarySettings)) {
        self.paramsPath = paramsPath
        self.paramsFile = paramsFile
        self.resolve = resolve
    }
}
