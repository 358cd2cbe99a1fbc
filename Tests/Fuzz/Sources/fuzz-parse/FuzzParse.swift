// Fuzz target: the lexer and the parser. Any bytes must end in a program or a located syntax
// error whose caret excerpt can be drawn — never a crash, a hang or a stack overflow.
import FuzzSupport
@testable import NNScript

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParse(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzLimits.apply()
    let source = FuzzInput.text(data, size)
    let lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    // The parser recurses: this runs on the driver's large stack (FuzzDriver), as nns runs it.
    do throws(ScriptError) {
        let program = try Parser.parse(source, file: "fuzz.nns")
        let top = FunctionScope(parent: nil, isTopLevel: true)
        Resolver.resolve(program, topLevel: top)
    } catch {
        let rendered = ErrorRendering.render(error) { _, n in n >= 1 && n <= lines.count ? lines[n - 1] : nil }
        precondition(rendered.contains("error:"), "an error message without its heading")
    }
    return 0
}

@_cdecl("fuzz_parse_main")
public func fuzzParseMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzParse)
}
