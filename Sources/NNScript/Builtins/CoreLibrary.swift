// The core library: print, str, clock, help, type, range and other language-level built-ins.

enum CoreLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "core", builtins: [])
    }
}
