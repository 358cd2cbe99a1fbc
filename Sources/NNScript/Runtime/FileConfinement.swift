// FileConfinement: with `ScriptContext.confinesFiles` set, the file a built-in reads or writes
// (its `path:` or `file:` argument) must be a plain name in the working folder — no `/`, no
// leading `.` — so a program run under the fuzzer cannot touch anything outside its scratch folder.

/// The check `callBuiltin` makes before a built-in's body when files are confined.
enum FileConfinement {
    /// The parameters that name a file, in every built-in that touches one.
    static let fileParameters = ["path", "file"]

    /// Throws when an argument naming a file leaves the working folder.
    static func check(_ args: Arguments, of builtin: Builtin) throws(ScriptError) {
        for p in builtin.parameters where fileParameters.contains(p.name) {
            guard case .string(let name) = args[p.name] else { continue }
            if !isPlainName(name) {
                throw ScriptError.runtime("\(builtin.name): '\(name)' is outside the working folder (files are confined to it here)")
            }
        }
    }

    /// A name of a file directly in the working folder: not empty, no `/`, not starting with `.`.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.hasPrefix(".") && !name.contains("\0")
    }
}
