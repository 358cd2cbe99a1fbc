// The REPL: notebook-style cells on libedit.
// PLACEHOLDER: the REPL work fills this in; the API stays.
import NNScript

/// The interactive prompt over one session.
public final class REPL {
    public let session: Session
    public init(session: Session) {
        self.session = session
    }
    /// Runs the prompt until `:quit` or Ctrl-D; returns the exit status.
    public func run() -> Int32 {
        0
    }
}
