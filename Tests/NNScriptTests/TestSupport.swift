// Helpers for the language tests: run source in a fresh session and capture what it prints,
// its shown value and its rendered error.
import XCTest
@testable import NNScript

/// Collects a session's output.
final class OutputBuffer {
    var text = ""
}

/// A fresh session writing into a buffer.
func makeSession() -> (Session, OutputBuffer) {
    let out = OutputBuffer()
    let context = ScriptContext(write: { out.text += $0 }, writeError: { _ in })
    return (Session(context: context), out)
}

/// Runs `source` and gives stdout plus the rendered error (if any) — what a script user sees.
func output(_ source: String, file: String = "t.nns") -> String {
    let (session, out) = makeSession()
    do {
        _ = try session.run(source, file: file)
    } catch {
        out.text += session.renderError(error) + "\n"
    }
    return out.text
}

/// The shown value of the last expression, formatted, or the error message.
func value(_ source: String) -> String {
    let (session, _) = makeSession()
    do {
        guard let v = try session.run(source, file: "t.nns") else { return "<nothing>" }
        return session.format(v)
    } catch {
        return "error: \(error.message)"
    }
}

/// The error a source ends in (nil when it runs).
func failure(_ source: String) -> ScriptError? {
    let (session, _) = makeSession()
    do {
        _ = try session.run(source, file: "t.nns")
        return nil
    } catch {
        return error
    }
}
