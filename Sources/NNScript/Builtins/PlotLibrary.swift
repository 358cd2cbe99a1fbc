// The plot library: plot, scatter, show: pictures in the terminal and in files.

enum PlotLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "plot", builtins: [])
    }
}
