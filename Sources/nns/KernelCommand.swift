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

    /// Where to install, from `--user` / `--prefix`.
    static func location(user: Bool, prefix: String?) -> KernelSpec.Location {
        if user { return .user }
        if let prefix { return .prefix(prefix) }
        return .system
    }

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Install the kernelspec `nns` for Jupyter.")
        @Flag(help: "Install for the current user (in Jupyter's user data folder).")
        var user = false
        @Option(help: ArgumentHelp("Install under DIR/share/jupyter/kernels (a virtual environment's prefix, say).", valueName: "DIR"))
        var prefix: String?
        @Option(help: ArgumentHelp("The Python with Jupyter (ipykernel) that runs the kernel; default: python3 on PATH.", valueName: "PATH"))
        var python: String?

        func validate() throws {
            if user && prefix != nil { throw ValidationError("--user and --prefix cannot be combined") }
        }

        func run() throws {
            let status = KernelSpec.install(at: KernelCommand.location(user: user, prefix: prefix), python: python)
            if status != 0 { throw ExitCode(status) }
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the nns kernelspecs (every one Jupyter sees, or the one at --user / --prefix).")
        @Flag(help: "Remove only the current user's.")
        var user = false
        @Option(help: ArgumentHelp("Remove only the one under DIR/share/jupyter/kernels.", valueName: "DIR"))
        var prefix: String?
        @Option(help: ArgumentHelp("The Python with Jupyter to ask where kernelspecs are.", valueName: "PATH"))
        var python: String?

        func validate() throws {
            if user && prefix != nil { throw ValidationError("--user and --prefix cannot be combined") }
        }

        func run() throws {
            let location: KernelSpec.Location? = user || prefix != nil ? KernelCommand.location(user: user, prefix: prefix) : nil
            let status = KernelSpec.uninstall(at: location, python: python)
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
            let status = exitCode(for: error)
            if status == .success {
                print(fullMessage(for: error))
                return 0
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            return 2
        }
        do {
            try command.run()
            return 0
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            // `nns kernel` alone or `--help` on it: the help, as a request that succeeded.
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                return 0
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            return 1
        }
    }
}
