// The errors autoencoders, VAEs, noise processes and sparsity penalties report, built by named
// factories so the wording lives in one place.
import TensorKit

/// A mistake in building or using an autoencoder or VAE (options, shapes).
public struct AutoencoderError: DescribedError, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }

    /// A batch whose shape does not fit the model: `autoencoder: expected N×64 input, got [3, 5]`.
    static func input(_ model: String, expected: String, got shape: [Int]) -> AutoencoderError {
        AutoencoderError("\(model): expected \(expected), got shape \(shape)")
    }
    /// An option value out of its range: `masking: p must be in [0, 1], got 1.5`.
    static func option(_ owner: String, _ detail: String) -> AutoencoderError {
        AutoencoderError("\(owner): \(detail)")
    }
}
