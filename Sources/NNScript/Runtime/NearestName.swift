// The nearest of a few names to a misspelt one, for "did you mean" hints: the Levenshtein
// distance with adjacent swaps counted as one edit (optimal string alignment).

enum NearestName {
    /// The candidate closest to `name`, if it is close enough to be a likely typo: at most one
    /// edit for names up to four characters, at most two for longer ones, and fewer edits than
    /// either name has characters (`z` is not a typo of `a`). Ties go to the first.
    static func closest(to name: String, among candidates: [String]) -> String? {
        let limit = name.count <= 4 ? 1 : 2
        var best: (name: String, distance: Int)?
        for c in candidates {
            let d = distance(name, c)
            if d <= limit, d < min(name.count, c.count), d < (best?.distance ?? Int.max) { best = (c, d) }
        }
        return best?.name
    }

    /// Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`:
    /// d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + (aᵢ ≠ bⱼ), d[i-2][j-2] + 1 if swapped).
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
