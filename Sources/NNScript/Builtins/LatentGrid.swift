// latent_grid: the evenly spaced codes of a 2-D latent space, for drawing what a VAE's decoder
// makes of each one (the manifold picture of lecture 3.6).
import TensorKit

extension AutoencoderLibrary {
    static var latentGrid: Builtin {
        Builtin("latent_grid", [.optional("n", .number(11)), .named("span", .number(2))],
                help: """
                The n²×2 tensor of the codes (zᵢ, zⱼ), z = linspace(−span, span, n), row i·n + j holding \
                (zᵢ, zⱼ): the second coordinate varies fastest. show(v.decode(latent_grid(11)), cols: 11) \
                draws a 2-D VAE's manifold: z₁ grows down the rows, z₂ along each row. span 2 covers ±2σ of \
                the N(0, I) prior.
                """,
                example: "latent_grid(3, span: 1)") { args, _ in
            let n = try args.int("n"), span = try args.number("span")
            guard (1...1000).contains(n) else {
                throw ScriptError.badArgument("n", to: "latent_grid", "a whole number from 1 to 1000 expected, got \(n)")
            }
            guard span.isFinite, span > 0 else {
                throw ScriptError.badArgument("span", to: "latent_grid", "a finite number > 0 expected, got \(Tensor.numberText(span))")
            }
            // linspace(−span, span, n): −span + i·step with the last point exactly span, as NumPy.
            let step = n > 1 ? 2 * span / Double(n - 1) : 0
            let z = (0..<n).map { i in n > 1 && i == n - 1 ? span : -span + Double(i) * step }
            var out = [Double]()
            out.reserveCapacity(2 * n * n)
            for zi in z { for zj in z { out.append(zi); out.append(zj) } }
            return .tensor(Tensor(shape: [n * n, 2], storage: out))
        }
    }
}
