/// Lets an option take a negative number as its value (`--bilateral-srgb -3`): ArgumentParser
/// reads "-3" as an unknown option and reports the option's value as missing. Attaching the
/// value (`--bilateral-srgb=-3`) gives it to the option, which then validates it as any
/// other value ("must be positive").
public enum NegativeValues {
    public static func attached(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" {
                out += arguments[i...]
                break
            }
            if argument.hasPrefix("--"), !argument.contains("="), i + 1 < arguments.count, isNegativeNumber(arguments[i + 1]) {
                out.append("\(argument)=\(arguments[i + 1])")
                i += 2
            } else {
                out.append(argument)
                i += 1
            }
        }
        return out
    }

    /// "-3", "-0.5", "-.5", "-1e-3".
    static func isNegativeNumber(_ text: String) -> Bool {
        guard text.count > 1, text.hasPrefix("-"), let second = text.dropFirst().first else { return false }
        return (second.isNumber || second == ".") && Double(text) != nil
    }
}
