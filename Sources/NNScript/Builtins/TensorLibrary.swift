// The tensor library: tensor creation, shape, arithmetic helpers, reductions and random draws.

enum TensorLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "tensor", builtins: [])
    }
}
