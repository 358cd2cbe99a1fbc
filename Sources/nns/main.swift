// nns: argument parsing and exit codes only; everything else lives in NNSFrontEnd.
// Exit status: 0 success, 1 script error, 2 bad command-line use.
import ArgumentParser
import Foundation
import NNSFrontEnd

struct NNSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nns",
        abstract: "A notebook-style REPL and scripting language for neural networks.",
        discussion: """
            With no FILE, nns opens the interactive prompt when stdin and stdout are terminals, \
            and otherwise runs the script read from stdin. Arguments after FILE reach the script \
            as the list `args`. `nns kernel install --user` installs the Jupyter kernel (see \
            `nns kernel --help`).
            """,
        version: NNSVersion.text)

    @Option(name: .customShort("e"), parsing: .unconditional, help: ArgumentHelp("Run CODE and print the value of its last expression.", valueName: "CODE"))
    var code: String?

    @Option(name: .customShort("i"), help: ArgumentHelp("Run FILE, then stay at the prompt with its variables.", valueName: "FILE"))
    var interactiveFile: String?

    @Option(name: .customLong("export"), help: ArgumentHelp("Run FILE (.nns, or .md with ```nns cells) and write a notebook (.html, .md or .ipynb).", valueName: "OUT"))
    var exportPath: String?

    @Flag(name: .customLong("serve"), help: "Serve one session over the machine protocol on stdin/stdout (JSON lines; the Jupyter kernel uses it).")
    var serve = false

    @Argument(help: ArgumentHelp("The script to run (.nns).", valueName: "FILE"))
    var file: String?

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("Arguments for the script, as the list `args`.", valueName: "ARGS"))
    var scriptArguments: [String] = []

    func validate() throws {
        let modes = [code != nil, interactiveFile != nil, exportPath != nil, serve].filter { $0 }.count
        if modes > 1 { throw ValidationError("-e, -i, --export and --serve cannot be combined") }
        if serve, file != nil { throw ValidationError("--serve takes no FILE: the front end sends the cells") }
        if code != nil, file != nil { throw ValidationError("-e takes the code to run; a FILE cannot be given as well") }
        if exportPath != nil, file == nil { throw ValidationError("--export OUT needs the FILE to run") }
    }

    /// The mode the arguments ask for.
    var mode: CommandLineMode {
        if serve { return .serve }
        if let code { return .code(code, arguments: scriptArguments) }
        if let interactiveFile { return .interactive(interactiveFile, arguments: [file].compactMap { $0 } + scriptArguments) }
        if let exportPath, let file { return .export(output: exportPath, input: file) }
        if let file { return .script(file, arguments: scriptArguments) }
        return .standardInput
    }
}

// Past a file-size limit (ulimit -f) the kernel would kill nns with SIGXFSZ (status 153) in the
// middle of a save; ignored, the write fails with EFBIG instead and the save reports it.
signal(SIGXFSZ, SIG_IGN)
StandardStreams.endOnWriteFailure()
if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "kernel" {
    let status = KernelCommand.runMain(Array(CommandLine.arguments.dropFirst(2)))
    StandardStreams.output.flush()
    exit(status)
}
let command: NNSCommand
do {
    command = try NNSCommand.parse()
} catch {
    let status = NNSCommand.exitCode(for: error)
    if status == .success {
        // --help and --version go through the same stream, so a failed write is reported.
        StandardStreams.output.write(NNSCommand.fullMessage(for: error) + "\n")
        StandardStreams.output.flush()
        exit(0)
    }
    FileHandle.standardError.write(Data((NNSCommand.fullMessage(for: error) + "\n").utf8))
    exit(2)
}
exit(ScriptRunner().run(command.mode))
