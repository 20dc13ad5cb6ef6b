/// One input of a dataset run: an image, its unary source and, for `eval`, its truth. `name`
/// names its output folder and its row in scores; `index` is its place in the full list, so
/// that shards of a list can be put back in order.
public struct DatasetItem: Sendable, Equatable {
    /// The truth map's path, or why there is none, said the way its source would say it.
    public enum Truth: Sendable, Equatable {
        case file(String)
        case missing(subject: String, message: String)
    }

    public let index: Int
    public let name: String
    public let image: String
    public let unary: UnarySpec
    public let truth: Truth

    public init(index: Int, name: String, image: String, unary: UnarySpec, truth: Truth) {
        self.index = index
        self.name = name
        self.image = image
        self.unary = unary
        self.truth = truth
    }

    /// The truth map's path, for `eval`.
    public func truthPath() throws -> String {
        switch truth {
        case .file(let path): return path
        case .missing(let subject, let message): throw CLIFailure(subject, message)
        }
    }
}
