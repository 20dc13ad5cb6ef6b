/// A model that cannot be built or run as asked: wrong sizes, out-of-range parameters,
/// non-finite inputs. The message says what is wrong in the field's words; callers that know
/// which file a value came from prefix it.
public struct CRFError: Error, CustomStringConvertible, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// Building was cancelled by the caller (`DenseCRF.init(image:unary:parameters:reusing:cancelled:)`).
    public static let cancelled = CRFError("building the model was cancelled")
}
