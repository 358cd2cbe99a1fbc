// `nns kernel install|uninstall|run`: argument parsing for the Jupyter kernelspec; the work is in
// NNSFrontEnd's KernelSpec.
import ArgumentParser
import Foundation
import NNSFrontEnd

/// `nns kernel ...`.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nns kernel",
        abstract: "Install or remove the Jupyter kernel of nns (a kernelspec named nns).",
        discussion: "See docs/jupyter.md. With neither --user nor --prefix, the kernelspec goes where Jupyter looks for every user (as `jupyter kernelspec install` does).",
        subcommands: [Install.self, Uninstall.self, Run.self])

    /// `--user`, `--prefix DIR` and `--python PATH`, shared by install and uninstall: which
    /// kernelspec folder is meant, and the Python with Jupyter that runs the kernel or is asked
    /// where kernelspecs are.
    struct Place: ParsableArguments {
        @Flag(help: "The current user's kernelspec (in Jupyter's user data folder).")
        var user = false
        @Option(help: ArgumentHelp("The kernelspec under DIR/share/jupyter/kernels (a virtual environment's prefix, say).", valueName: "DIR"))
        var prefix: String?
        @Option(help: ArgumentHelp("The Python with Jupyter (ipykernel); default: python3 on PATH.", valueName: "PATH"))
        var python: String?

        func validate() throws {
            if user && prefix != nil { throw ValidationError("--user and --prefix cannot be combined") }
        }

        /// The folder named by `--user` / `--prefix`, or nil when neither was given.
        var named: KernelSpec.Location? {
            if user { return .user }
            if let prefix { return .prefix(prefix) }
            return nil
        }
    }

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install the kernelspec `nns` for Jupyter (for every user unless --user or --prefix).")
        @OptionGroup var place: Place

        func run() throws {
            let status = KernelSpec.install(at: place.named ?? .system, python: place.python)
            if status != 0 { throw ExitCode(status) }
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the nns kernelspecs (every one Jupyter sees, or the one at --user / --prefix).")
        @OptionGroup var place: Place

        func run() throws {
            let status = KernelSpec.uninstall(at: place.named, python: place.python)
            if status != 0 { throw ExitCode(status) }
        }
    }

    /// What the kernelspec's argv runs; not for people.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the kernel (Jupyter runs this).", shouldDisplay: false)
        @Option(name: .customShort("f"), help: ArgumentHelp("Jupyter's connection file.", valueName: "FILE"))
        var connectionFile: String
        @Option(help: ArgumentHelp("The Python that runs the kernel.", valueName: "PATH"))
        var python: String?

        func run() throws {
            throw ExitCode(KernelSpec.run(connectionFile: connectionFile, python: python))
        }
    }

    /// Parses `arguments` (after `nns kernel`) and runs; bad use exits 2, as everywhere in nns.
    static func runMain(_ arguments: [String]) -> Int32 {
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            return report(error, failing: 2)
        }
        do {
            try command.run()
            return 0
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            return report(error, failing: 1)
        }
    }

    /// Shows what an error from the argument parser says and gives the exit status: `--help`
    /// (or `nns kernel` alone) is a request that succeeded, printed on stdout with status 0;
    /// anything else goes to stderr with `status`.
    private static func report(_ error: Error, failing status: Int32) -> Int32 {
        if exitCode(for: error) == .success {
            print(fullMessage(for: error))
            return 0
        }
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        return status
    }
}
