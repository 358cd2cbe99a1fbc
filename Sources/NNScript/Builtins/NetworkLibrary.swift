// The network library: transfer functions, neurons, perceptrons, layers, networks, losses, backprop, optimizers, train, data sets.

enum NetworkLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "network", builtins: [])
    }
}
