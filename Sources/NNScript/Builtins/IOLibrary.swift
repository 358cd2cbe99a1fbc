// The io library: files: .npy, .csv, IDX (save and load of models dispatch here too).

enum IOLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "io", builtins: [])
    }
}
