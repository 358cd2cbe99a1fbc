// Script objects for the denoising noise processes (`gaussian(0.3)`, `masking(0.25)`,
// `salt_pepper(0.1)`) and the sparsity penalties (`kl(rho: 0.05, beta: 3)`, `l1(0.001)`, `topk(5)`).
import NeuralKit

/// A noise process q_D as a script value.
final class NoiseObject: ScriptObject {
    let process: NoiseProcess
    init(_ process: NoiseProcess) { self.process = process }

    var kindName: String { "noise" }
    var fieldNames: [String] { ["kind", process.name == "gaussian" ? "sigma" : "p"] }
    var description: String { process.description }

    func field(_ name: String, context: ScriptContext) throws -> Value {
        switch (name, process) {
        case ("kind", _): return .string(process.name)
        case ("sigma", .gaussian(let s)): return .number(s)
        case ("p", .masking(let p)), ("p", .saltPepper(let p)): return .number(p)
        default: throw noField(name)
        }
    }
}

/// A sparsity penalty as a script value.
final class SparsityObject: ScriptObject {
    let penalty: SparsityPenalty
    init(_ penalty: SparsityPenalty) { self.penalty = penalty }

    var kindName: String { "sparsity" }
    var fieldNames: [String] {
        switch penalty {
        case .kl: return ["kind", "rho", "beta"]
        case .l1: return ["kind", "lambda"]
        case .topK: return ["kind", "k", "alpha"]
        }
    }
    var description: String { penalty.description }

    func field(_ name: String, context: ScriptContext) throws -> Value {
        switch (name, penalty) {
        case ("kind", .kl): return .string("kl")
        case ("kind", .l1): return .string("l1")
        case ("kind", .topK): return .string("topk")
        case ("rho", .kl(let rho, _)): return .number(rho)
        case ("beta", .kl(_, let beta)): return .number(beta)
        case ("lambda", .l1(let lambda)): return .number(lambda)
        case ("k", .topK(let k, _)): return .number(Double(k))
        case ("alpha", .topK(_, let alpha)): return .number(alpha)
        default: throw noField(name)
        }
    }
}
