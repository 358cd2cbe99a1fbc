// Every built-in library of nns, registered in one list; adding a library is one row here.

/// All built-in libraries, in the order `help()` lists them.
public enum Libraries {
    public static var all: [BuiltinLibrary] {
        [CoreLibrary.library, TensorLibrary.library, IOLibrary.library, NetworkLibrary.library, TransferLibrary.library, TrainLibrary.library, ModelIOLibrary.library,
         AutoencoderLibrary.library, ToyDataLibrary.library, PlotLibrary.library]
    }
}
