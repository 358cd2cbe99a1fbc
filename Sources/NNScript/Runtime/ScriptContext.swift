// ScriptContext: what a built-in may use of the running session — the random stream, the output,
// the interrupt flag, the terminal — passed explicitly, never global.
import Synchronization
import TensorKit

/// The Ctrl-C flag: set by the front end's signal handler, polled by loops and long built-ins.
public final class InterruptFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    /// Marks an interrupt request (safe from a signal handler).
    public func raise() { flag.store(true, ordering: .relaxed) }
    /// Clears the request (before each cell).
    public func clear() { flag.store(false, ordering: .relaxed) }
    /// True once Ctrl-C was pressed since the last `clear`.
    public var isRaised: Bool { flag.load(ordering: .relaxed) }
}

/// What the output is connected to, which decides prompts, colours and progress bars.
public struct TerminalInfo: Sendable {
    /// stdout is a terminal (progress bars and pictures may animate / use escapes).
    public var isTerminal: Bool
    /// Colours and 24-bit escapes allowed (terminal, no NO_COLOR, TERM not dumb).
    public var color: Bool
    /// Columns available for plots and progress bars.
    public var width: Int
    public init(isTerminal: Bool = false, color: Bool = false, width: Int = 80) {
        self.isTerminal = isTerminal
        self.color = color
        self.width = width
    }
}

/// The session services a built-in may use.
public final class ScriptContext {
    /// The seeded random stream (`seed(n)` reseeds it).
    public let rng: RandomGenerator
    /// Ctrl-C.
    public let interrupt: InterruptFlag
    /// The terminal the output goes to.
    public var terminal: TerminalInfo
    /// Writes program output (stdout, or the notebook cell being captured).
    public var write: (String) -> Void
    /// Writes diagnostics and progress (stderr).
    public var writeError: (String) -> Void
    /// Receives each picture a built-in draws, when a notebook is being written or a kernel
    /// serves a notebook; nil otherwise (pictures then go to the terminal only). `png` is the
    /// picture, `alt` a short one-line description, and `text` the picture as a script prints it
    /// without a notebook (no colour, fixed width) — nil when a script prints nothing for it (a
    /// picture written to a `file:`). The Jupyter kernel sends `text ?? alt` as `text/plain`.
    public var pictureSink: ((_ png: [UInt8], _ alt: String, _ text: String?) -> Void)?
    /// Receives the training progress line (no escapes) when the output goes to a front end that
    /// redraws one line in place (the Jupyter kernel); `done` marks its last update. nil
    /// elsewhere: then a progress bar shows on a terminal only.
    public var progressSink: ((_ line: String, _ done: Bool) -> Void)?
    /// The seed the random stream started from (before any `seed(n)`), so a replay of the
    /// session — the REPL's `:export` — draws the same numbers.
    public var startSeed: UInt64 = 0
    /// The weights each trained model had before its last `train`, for `undo`.
    public let undo = UndoSnapshots()
    /// Significant digits when tensors are printed (settable by the user).
    public var printPrecision: Int = 4
    /// Keys of the warnings already shown this session (each is shown once).
    public var givenWarnings: Set<String> = []
    /// When true, a built-in may name only files of the working folder (see `FileConfinement`):
    /// the fuzz targets run random programs so, inside a scratch folder.
    public var confinesFiles = false
    /// Calls a script function value with positional arguments; set by the interpreter.
    public var callFunction: (Value, [Value]) throws -> Value = { f, _ in
        throw ScriptError.runtime("cannot call a \(f.kindName) here")
    }

    public init(rng: RandomGenerator = RandomGenerator(seed: 0),
                interrupt: InterruptFlag = InterruptFlag(),
                terminal: TerminalInfo = TerminalInfo(),
                write: @escaping (String) -> Void,
                writeError: @escaping (String) -> Void) {
        self.rng = rng
        self.interrupt = interrupt
        self.terminal = terminal
        self.write = write
        self.writeError = writeError
    }

    /// Writes `message` (and a newline) to stderr unless the warning `key` was shown before.
    public func warnOnce(_ key: String, _ message: String) {
        guard givenWarnings.insert(key).inserted else { return }
        writeError(message + "\n")
    }

    /// Throws the interrupt error when Ctrl-C was pressed; long built-ins call it between steps.
    public func checkInterrupt() throws {
        if interrupt.isRaised { throw ScriptError.interrupted }
    }
}

extension ScriptError {
    /// Ctrl-C during a running cell or script.
    public static var interrupted: ScriptError { .runtime("interrupted") }
}
