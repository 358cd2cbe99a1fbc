// The autoencoder library: autoencoders, noise processes, sparsity penalties, VAEs.

enum AutoencoderLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "autoencoder", builtins: [])
    }
}
