// What stdin/stdout are connected to: decides prompts, colours, progress bars and picture style.
import Foundation
import NNScript

/// Facts about the process's terminal, read once at start-up.
public enum Terminal {
    /// stdin and stdout are both terminals (libedit only edits then: platform note 4).
    public static var isInteractive: Bool { isatty(0) != 0 && isatty(1) != 0 }

    /// The terminal description for built-ins: colour only on a terminal, without NO_COLOR,
    /// and not for TERM=dumb; the width from the terminal (or $COLUMNS), 80 otherwise.
    public static func info() -> TerminalInfo {
        let env = ProcessInfo.processInfo.environment
        let isTerminal = isatty(1) != 0
        let dumb = env["TERM"] == "dumb"
        let noColor = env["NO_COLOR"].map { !$0.isEmpty } ?? false
        var width = 80
        var size = winsize()
        if isTerminal, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            width = Int(size.ws_col)
        } else if let c = env["COLUMNS"].flatMap(Int.init), c > 10, c < 10_000 {
            width = c
        }
        return TerminalInfo(isTerminal: isTerminal && !dumb, color: isTerminal && !dumb && !noColor, width: width)
    }
}
