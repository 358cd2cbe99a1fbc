// A time budget per fuzz input: the interrupt flag nns's loops, calls and long built-ins already
// poll (Ctrl-C's) is raised when an input runs past its budget, so an endless loop ends as
// nns's own "interrupted" error instead of a libFuzzer timeout.
import Foundation
import NNScript

/// Runs bodies under a deadline that raises an interrupt flag.
public enum Watchdog {
    /// Runs `body`; if it is still running after `milliseconds`, `flag` is raised.
    public static func run(_ flag: InterruptFlag, milliseconds: Int, _ body: () -> Void) {
        flag.clear()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            if done.wait(timeout: .now() + .milliseconds(milliseconds)) == .timedOut { flag.raise() }
        }
        body()
        done.signal()
    }
}
