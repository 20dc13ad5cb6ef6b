#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files of staged writes that are not yet renamed or removed, kept as C
/// strings in fixed slots so that a signal handler can remove them (`removeAll` only calls
/// unlink(2), which is async-signal-safe). An interrupted command then leaves no hidden
/// ".name.tmp-…" file behind.
public enum TemporaryFiles {
    private static let capacity = 64
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()
    nonisolated(unsafe) private static var lock = pthread_mutex_t()
    private static let lockReady: Void = { pthread_mutex_init(&lock, nil) }()

    /// Sets up the slots and their lock. A Swift global is made on first use, under a lock and
    /// with an allocation, neither of which a signal handler may wait for (the thread it
    /// interrupted may hold them): whoever installs a handler calling `removeAll` calls this
    /// first, so the handler only ever reads the slots.
    public static func prepare() {
        _ = lockReady
        _ = slots
    }

    /// Remembers `path` (beyond `capacity` files at once it is simply not remembered).
    static func add(_ path: String) {
        withLock {
            guard let free = (0..<capacity).first(where: { slots[$0] == nil }) else { return }
            slots[free] = strdup(path)
        }
    }

    /// Forgets `path`: it has been renamed or removed.
    static func remove(_ path: String) {
        withLock {
            for i in 0..<capacity {
                guard let stored = slots[i], strcmp(stored, path) == 0 else { continue }
                slots[i] = nil      // cleared before freed: the handler never sees freed memory
                free(stored)
                return
            }
        }
    }

    /// Unlinks every remembered file; for signal handlers (no locking, no allocation).
    public static func removeAll() {
        for i in 0..<capacity {
            if let stored = slots[i] { unlink(stored) }
        }
    }

    private static func withLock(_ body: () -> Void) {
        _ = lockReady
        pthread_mutex_lock(&lock)
        body()
        pthread_mutex_unlock(&lock)
    }
}
