// Fuzz target: the cell splitters of `--export` — Markdown with ```nns fences, and scripts cut
// into cells at blank lines and `# %%` markers. Every byte of the input must land in a chunk.
import FuzzSupport
import NNScript
@testable import NNSFrontEnd

nonisolated(unsafe) private let session = Session(context: ScriptContext(write: { _ in }, writeError: { _ in }))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzLimits.apply()
    let text = FuzzInput.text(data, size)
    _ = NotebookSource.markdown(text)
    _ = NotebookSource.script(text, isIncomplete: session.isIncomplete)
    return 0
}

@_cdecl("fuzz_markdown_main")
public func fuzzMarkdownMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzMarkdown)
}
