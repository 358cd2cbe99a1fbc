// KernelSpec: `nns kernel install`, `uninstall` and `run`. Installing writes a Jupyter kernelspec
// named `nns` whose argv starts this nns binary (by absolute path) with `kernel run`; Jupyter's own
// KernelSpecManager puts it in place, so it lands exactly where that Jupyter looks (--user,
// --prefix, or the system folder). `kernel run` hands the wrapper kernel kept in this binary to
// the Python recorded at install time — one that can import ipykernel, checked then.
import Foundation
import TensorKit

/// The nns kernelspec and the kernel's start.
public enum KernelSpec {
    /// The kernelspec's name (`jupyter kernelspec list` shows it).
    public static let name = "nns"

    /// Where a kernelspec goes: the system's Jupyter folder, the user's, or PREFIX/share/jupyter.
    public enum Location: Equatable, Sendable {
        case system
        case user
        case prefix(String)
    }

    /// Installs the kernelspec; prints where, or why not. Returns the exit status.
    public static func install(at location: Location, python: String?) -> Int32 {
        let chosen: PythonChoice
        switch findPython(explicit: python) {
        case .failure(let e): return fail(e.message)
        case .success(let p): chosen = p
        }
        let nns = ownPath()
        let spec = JSONValue.object([
            "argv": .strings([nns, "kernel", "run", "--python", chosen.path, "-f", "{connection_file}"]),
            "display_name": .string("nns"),
            "language": .string("nns"),
            "interrupt_mode": .string("signal"),
            "metadata": .object(["debugger": .bool(false)]),
        ])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nns-kernelspec-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data((spec.text(indent: 1) + "\n").utf8).write(to: folder.appendingPathComponent("kernel.json"))
            for size in [32, 64] {
                try Data(try KernelLogo.png(size: size)).write(to: folder.appendingPathComponent("logo-\(size)x\(size).png"))
            }
        } catch {
            return fail("cannot prepare the kernelspec in \(folder.path): \(error.localizedDescription)")
        }
        let (kind, prefix) = arguments(location)
        let result = runPython(chosen.path, installScript, [folder.path, kind, prefix])
        if result.status == 3 {
            return fail("cannot write \(result.error.trimmingSpaces) (permission denied); install for yourself with `nns kernel install --user`, or run it as root")
        }
        let lines = result.output.split(separator: "\n").map(String.init)
        guard result.status == 0, let destination = lines.first else {
            return fail("Jupyter could not install the kernelspec:\n" + result.error)
        }
        print("installed the nns kernel in \(destination)")
        print("  nns:    \(nns)")
        print("  Python: \(chosen.path) (ipykernel \(chosen.ipykernel))")
        let seen = lines.count > 1 ? lines[1] : ""
        if seen.isEmpty {
            print("note: this Jupyter does not look in \(destination); add its share/jupyter folder to JUPYTER_PATH")
        } else if (seen as NSString).standardizingPath != (destination as NSString).standardizingPath {
            print("note: Jupyter will use the nns kernelspec in \(seen), which comes first in its search path")
        }
        return 0
    }

    /// Removes the kernelspecs named `nns` that nns installed: at `location`, or (nil) every one
    /// Jupyter can see. Returns the exit status.
    public static func uninstall(at location: Location?, python: String?) -> Int32 {
        let chosen: PythonChoice
        switch findPython(explicit: python) {
        case .failure(let e): return fail(e.message)
        case .success(let p): chosen = p
        }
        let (kind, prefix) = location.map(arguments) ?? ("all", "")
        let result = runPython(chosen.path, uninstallScript, [kind, prefix])
        if result.status == 3 {
            return fail("cannot remove \(result.error.trimmingSpaces) (permission denied); run it as root")
        }
        guard result.status == 0 else { return fail("Jupyter could not remove the kernelspec:\n" + result.error) }
        let removed = result.output.split(separator: "\n")
        if removed.isEmpty {
            print("no nns kernelspec found")
        }
        for folder in removed { print("removed \(folder)") }
        return 0
    }

    /// Replaces this process by the wrapper kernel under Python (`kernel.json` runs this). Returns
    /// only when that cannot start, with the exit status.
    public static func run(connectionFile: String, python: String?) -> Int32 {
        var interpreter = python.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
        if interpreter == nil { interpreter = searchPath("python3") ?? searchPath("python") }
        guard let interpreter else {
            return fail("no Python found (the kernelspec names \(python ?? "none")); run `nns kernel install` again")
        }
        setenv("NNS_KERNEL_BINARY", ownPath(), 1)
        // The source travels in the environment, so process listings show one short line; the
        // bootstrap takes it out again before anything (the nns child) inherits it.
        setenv("NNS_KERNEL_SOURCE", KernelWrapperSource.python, 1)
        let argv = [interpreter, "-c", KernelWrapperSource.bootstrap, "-f", connectionFile]
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cArgs.append(nil)
        execv(interpreter, &cArgs)
        return fail("cannot start \(interpreter): \(String(cString: strerror(errno)))")
    }

    // MARK: - helpers

    static func fail(_ message: String) -> Int32 {
        StandardStreams.output.flush()
        StandardStreams.error.write("nns kernel: \(message)\n")
        return 1
    }

    private static func arguments(_ location: Location) -> (String, String) {
        switch location {
        case .system: return ("system", "")
        case .user: return ("user", "")
        case .prefix(let p): return ("prefix", (p as NSString).expandingTildeInPath)
        }
    }

    /// The absolute path of this nns as it was started (a symlink kept, so that an upgrade behind
    /// it is picked up), or the binary's real path.
    static func ownPath() -> String {
        let first = CommandLine.arguments.first ?? ""
        if first.hasPrefix("/") { return first }
        if first.contains("/") {
            return (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(first)
        }
        if !first.isEmpty, let found = searchPath(first) { return found }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "nns"
    }

    /// The first executable named `name` on PATH.
    static func searchPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = (String(dir) as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A Python that can run the kernel: its real path and its ipykernel version.
    struct PythonChoice {
        let path: String
        let ipykernel: String
    }

    /// `--python PATH`, else `$NNS_KERNEL_PYTHON`, else python3 or python on PATH — the first that
    /// imports ipykernel and jupyter_client.
    static func findPython(explicit: String?) -> Result<PythonChoice, KernelSpecError> {
        let env = ProcessInfo.processInfo.environment["NNS_KERNEL_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
        let candidates = [explicit ?? env].compactMap { $0 }
        let tried = candidates.isEmpty ? ["python3", "python"].compactMap(searchPath) : candidates
        var reasons: [String] = []
        for python in tried {
            let probe = runPython(python, "import sys, ipykernel, jupyter_client; print(sys.executable); print(ipykernel.__version__)", [])
            let lines = probe.output.split(separator: "\n").map(String.init)
            if probe.status == 0, lines.count >= 2 { return .success(PythonChoice(path: lines[0], ipykernel: lines[1])) }
            let why = probe.error.split(separator: "\n").last.map(String.init) ?? "it did not run"
            reasons.append("  \(python): \(why)")
        }
        if tried.isEmpty { return .failure(KernelSpecError("no python3 on PATH; install Python and Jupyter (pip install jupyter) first")) }
        return .failure(KernelSpecError("no Python with Jupyter's ipykernel found:\n" + reasons.joined(separator: "\n")
            + "\ninstall Jupyter (python3 -m pip install jupyter), or name a Python that has it with --python PATH"))
    }

    /// Runs `python -c code args...` and gives its status and output.
    static func runPython(_ python: String, _ code: String, _ args: [String]) -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", code] + args
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            return (127, "", "cannot run \(python): \(error.localizedDescription)")
        }
        // Read both pipes before waiting, so a chatty child cannot block on a full pipe.
        let errData = ThreadedRead(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData.result(), as: UTF8.self))
    }

    /// Asks Jupyter's KernelSpecManager to copy the kernelspec folder into place; prints the
    /// folder it went to and the one Jupyter will find for `nns`. Status 3: permission denied.
    static let installScript = #"""
import sys
from jupyter_client.kernelspec import KernelSpecManager
source, where, prefix = sys.argv[1], sys.argv[2], sys.argv[3] or None
manager = KernelSpecManager()
try:
    destination = manager.install_kernel_spec(source, kernel_name="nns", user=(where == "user"), prefix=prefix)
except PermissionError as error:
    sys.stderr.write(str(error.filename or error))
    sys.exit(3)
print(destination)
print(manager.find_kernel_specs().get("nns", ""))
"""#

    /// Removes the nns kernelspecs (those whose argv runs `kernel run`) at the place asked, or in
    /// every folder Jupyter searches; prints each folder removed. Status 3: permission denied.
    static let uninstallScript = #"""
import json, os, shutil, sys
from jupyter_client.kernelspec import KernelSpecManager
where, prefix = sys.argv[1], sys.argv[2]
manager = KernelSpecManager()
if where == "prefix":
    folders = [os.path.join(prefix, "share", "jupyter", "kernels", "nns")]
elif where == "user":
    folders = [os.path.join(manager.user_kernel_dir, "nns")]
elif where == "system":
    from jupyter_core.paths import SYSTEM_JUPYTER_PATH
    folders = [os.path.join(SYSTEM_JUPYTER_PATH[0], "kernels", "nns")]
else:
    folders = [os.path.join(d, "nns") for d in manager.kernel_dirs]
for folder in folders:
    try:
        with open(os.path.join(folder, "kernel.json")) as f:
            argv = json.load(f).get("argv", [])
    except (OSError, ValueError):
        continue
    if argv[1:3] != ["kernel", "run"]:
        continue
    try:
        shutil.rmtree(folder)
    except PermissionError:
        sys.stderr.write(folder)
        sys.exit(3)
    print(folder)
"""#
}

/// Why the kernelspec cannot be installed.
struct KernelSpecError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Reads a file handle to its end on another thread.
private final class ThreadedRead: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    func result() -> Data {
        done.wait()
        return data
    }
}
