// InterruptHandler: Ctrl-C (SIGINT) → the session's InterruptFlag. The handler only stores into
// atomics; the interpreter polls the flag between steps. A second Ctrl-C within a second while a
// cell is still running (stuck in one long native call) ends the program with a message — except
// under a kernel (`nns --serve`), where an interrupt must never end the session.
import Glibc
import NNScript
import Synchronization

/// The flag the handler raises, reachable from the C handler through this global `let`.
/// Holds the address of an `InterruptFlag` kept alive by `InterruptHandler.installed` (0: none);
/// an Int because raw pointers are not Sendable.
private let currentFlag = Atomic<Int>(0)
/// True while a cell or script runs (not while waiting at the prompt).
private let cellRunning = Atomic<Bool>(false)
/// Monotonic time in milliseconds of the last Ctrl-C seen while a cell ran (0: none).
private let lastInterruptMillis = Atomic<Int>(0)
/// False under a kernel: a quick second Ctrl-C only raises the flag again.
private let repeatQuits = Atomic<Bool>(true)
/// How many SIGINTs arrived since the process started.
private let interruptsReceived = Atomic<Int>(0)

/// The message written by the handler before ending the program on a second Ctrl-C.
private let forcedExitMessage: [UInt8] = Array("\nnns: interrupted twice; quitting\n".utf8)

/// Monotonic milliseconds, safe inside a signal handler (clock_gettime is async-signal-safe).
private func monotonicMillis() -> Int {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
}

/// The SIGINT handler: raise the flag; on a quick second press during a running cell, quit.
private func handleInterrupt(_ signal: Int32) {
    interruptsReceived.add(1, ordering: .relaxed)
    if cellRunning.load(ordering: .relaxed) && repeatQuits.load(ordering: .relaxed) {
        let now = monotonicMillis()
        let last = lastInterruptMillis.load(ordering: .relaxed)
        if last != 0 && now - last < 1000 {
            forcedExitMessage.withUnsafeBytes { bytes in
                _ = Glibc.write(2, bytes.baseAddress, bytes.count)
            }
            _exit(130)
        }
        lastInterruptMillis.store(now, ordering: .relaxed)
    }
    if let pointer = UnsafeMutableRawPointer(bitPattern: currentFlag.load(ordering: .relaxed)) {
        Unmanaged<InterruptFlag>.fromOpaque(pointer)._withUnsafeGuaranteedRef { $0.raise() }
    }
}

/// Installs the Ctrl-C handler and tells it which running state it is in.
public enum InterruptHandler {
    /// The flags ever installed, kept alive so the handler's unretained pointer stays valid.
    private static let installed = Mutex<[InterruptFlag]>([])

    /// Routes Ctrl-C to `flag` (the session's `context.interrupt`); safe to call more than once.
    public static func install(flag: InterruptFlag) {
        installed.withLock { $0.append(flag) }
        // Touch every global before the handler can run: lazy initialisation is not signal-safe.
        _ = cellRunning.load(ordering: .relaxed)
        _ = lastInterruptMillis.load(ordering: .relaxed)
        _ = repeatQuits.load(ordering: .relaxed)
        _ = interruptsReceived.load(ordering: .relaxed)
        _ = forcedExitMessage.count
        currentFlag.store(Int(bitPattern: Unmanaged.passUnretained(flag).toOpaque()),
                          ordering: .relaxed)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { handleInterrupt($0) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
    }

    /// Marks the start of a cell: a Ctrl-C now interrupts it (a quick second one quits).
    public static func beginRunning() {
        lastInterruptMillis.store(0, ordering: .relaxed)
        cellRunning.store(true, ordering: .relaxed)
    }

    /// Marks the return to the prompt: Ctrl-C now clears the line.
    public static func endRunning() {
        cellRunning.store(false, ordering: .relaxed)
    }

    /// Makes every Ctrl-C only raise the flag, however quickly they follow each other (a kernel
    /// is interrupted from a notebook's button, and pressing it twice must not end the session).
    public static func neverQuit() {
        repeatQuits.store(false, ordering: .relaxed)
    }

    /// The number of SIGINTs received so far; a kernel compares it before and after a cell to
    /// tell an interrupted cell, even when `train` consumed the flag and returned normally.
    public static var received: Int { interruptsReceived.load(ordering: .relaxed) }
}
