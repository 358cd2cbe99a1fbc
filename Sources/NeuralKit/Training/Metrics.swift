// Classification metrics: accuracy of predictions (scores or labels) against labels (indices or one-hot).
import TensorKit

/// Measures of how good predictions are.
public enum Metrics {
    /// The class of each row: argmax of an N × C score matrix (C ≥ 2), or the rounded value /
    /// threshold 0.5 of N scores (N, or N × 1).
    public static func labels(_ t: Tensor) -> [Double] {
        if t.rank == 2 && t.shape[1] >= 2 {
            let c = t.shape[1]
            return (0..<t.shape[0]).map { r in
                var best = 0
                for j in 1..<c where t.storage[r * c + j] > t.storage[r * c + best] { best = j }
                return Double(best)
            }
        }
        return t.storage
    }

    /// The fraction of rows whose predicted class equals the label. `pred` is N × C scores or N
    /// values (probabilities above 0.5 count as class 1 when the labels are 0/1); `labels` is N
    /// indices or an N × C one-hot matrix.
    public static func accuracy(_ pred: Tensor, _ labels: Tensor) throws -> Double {
        let want = Metrics.labels(labels)
        var got = Metrics.labels(pred)
        guard !want.isEmpty else {
            throw NeuralError.noSamples(labels.shape)
        }
        guard got.count == want.count else {
            throw NeuralError.shapes("accuracy", "predictions and labels have shapes", pred.shape, labels.shape,
                                     "with different numbers of rows")
        }
        if !(pred.rank == 2 && pred.shape[1] >= 2) {
            // single scores: threshold at 0.5 against 0/1 labels, round otherwise
            let binary = want.allSatisfy { $0 == 0 || $0 == 1 }
            got = got.map { binary ? ($0 >= 0.5 ? 1 : 0) : $0.rounded() }
        }
        var hits = 0
        for i in 0..<want.count where got[i] == want[i] { hits += 1 }
        return Double(hits) / Double(want.count)
    }
}
