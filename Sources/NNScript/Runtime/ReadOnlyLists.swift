// Read-only lists: a list that a field read makes afresh (`net.layers`, `ae.hidden`, `x.shape`)
// refuses changes, so `net.layers[0] = dense(2, 3)` or `append(net.layers, l)` is an error that
// says what to do instead of a change to a copy that nothing sees. A slice (`net.layers[:]`) is
// an ordinary list of one's own.

extension Access {
    /// Throws the list's read-only message when it may not change.
    static func checkWritable(_ l: ListBox) throws(ScriptError) {
        if let reason = l.readOnly { throw ScriptError.runtime(reason) }
    }

    /// A field's value as an object hands it out: a list is marked read-only (unless the object
    /// already said why), since it is made at each read and changes to it would be lost.
    static func fieldValue(_ v: Value, of o: any ScriptObject, _ name: String) -> Value {
        if case .list(let l) = v, l.readOnly == nil {
            l.readOnly = ReadOnlyList.field(o.kindWithArticle, name)
        }
        return v
    }
}

/// The messages of read-only lists, in one place so their wording stays alike; each ends by
/// naming the slice that gives a list one may change.
enum ReadOnlyList {
    /// Any object's list field.
    static func field(_ owner: String, _ name: String) -> String {
        "the list '\(name)' of \(owner) is read-only: it is made anew at each read, so a change would be lost ([:] gives a list of your own)"
    }

    /// `net.layers`.
    static let networkLayers = "net.layers is read-only: build a new network with seq(...), e.g. seq(net.layers[:1], dense(3, 1)) (a layer's W and b can be changed in place; net.layers[:] is a list of your own)"

    /// `ae.layers` and `ae.hidden` of a deep autoencoder.
    static func autoencoder(_ name: String) -> String {
        let inPlace = name == "layers" ? "a layer's W and b can be changed in place; " : ""
        return "ae.\(name) is read-only: make a new autoencoder with autoencoder(n_in, n_code, hidden: [...]) (\(inPlace)ae.\(name)[:] is a list of your own)"
    }

    /// `x.shape`.
    static let shape = "x.shape is read-only: reshape(x, ...) gives a tensor of another shape (x.shape[:] is a list of your own)"
}
