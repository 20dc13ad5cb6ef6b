/// Splitting and joining paths as plain strings.
///
/// Foundation's `NSString.deletingLastPathComponent` traps on a one-character name without a
/// folder ("a"), so crfview splits paths here instead, with the POSIX meaning: the folder of
/// "a" is ".", of "/a" is "/", of "out/a.png" is "out".
public enum PathName {
    /// The folder part; "." for a bare name.
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = path[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }

    /// The part after the last "/" (empty when the path ends in "/").
    public static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `name` inside `folder`; an absolute `name` stands alone.
    public static func join(_ folder: String, _ name: String) -> String {
        if name.hasPrefix("/") || folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
