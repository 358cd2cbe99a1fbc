// The io library: files: .csv and IDX (save and load of .npy and models live with the network
// built-ins, which call TensorKit's NPY).
import TensorKit

enum IOLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "io", builtins: [
            Builtin("load_csv", [.required("path")],
                    help: "Reads a CSV file of numbers as an N×M tensor. A first row with a cell that is not a number is a header and is skipped; a bad cell later is an error naming its line and column.",
                    example: "save_csv([[1, 2], [3, 4]], \"/tmp/nns_example.csv\")\nload_csv(\"/tmp/nns_example.csv\")") { args, _ in
                .tensor(try CSV.read(try args.string("path")))
            },
            Builtin("save_csv", [.required("x"), .required("path")],
                    help: "Writes a number, vector (one value per line) or matrix (one row per line) as CSV, every number exactly; the file is replaced atomically.",
                    example: "save_csv(eye(2), \"/tmp/nns_example.csv\")") { args, _ in
                try CSV.write(try args.anyTensor("x"), to: try args.string("path"))
                return .none
            },
            Builtin("load_idx", [.required("path")],
                    help: "Reads an IDX file (the MNIST format: big-endian header and elements) as a tensor; bytes keep their values 0–255.",
                    example: "# images = load_idx(\"train-images-idx3-ubyte\")\nnone") { args, _ in
                .tensor(try IDX.read(try args.string("path")))
            },
        ])
    }
}
