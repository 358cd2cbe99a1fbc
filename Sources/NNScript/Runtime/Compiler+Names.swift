// Compiler, names: reading and writing variables wherever the resolver put them — a frame slot,
// a captured cell, a closure's cell, or a global cell (falling back to the built-in of that name).

/// The cell stored in a captured local's slot.
@inline(__always)
func cellIn(_ slot: Value) -> Cell? {
    if case .object(let o) = slot, let c = o as? CellSlot { return c.cell }
    return nil
}

extension Compiler {
    /// Reads a variable.
    func reader(_ name: String, _ p: Position) -> Eval {
        let loc = location(p)
        switch scope.access(name) {
        case .local(let s):
            let site = NameSite(name, loc)
            return { f throws(ScriptError) in
                let v = f.slots[s]
                if case .object(let o) = v, o === unassignedMarker { throw site.unassigned() }
                return v
            }
        case .cell(let s):
            let site = NameSite(name, loc)
            return { f throws(ScriptError) in
                guard let v = cellIn(f.slots[s])?.pointer.pointee else { throw site.unassigned() }
                return v
            }
        case .free(let i):
            return { f throws(ScriptError) in
                guard let fn = f.function, i < fn.captures.count, let v = fn.captures[i].pointer.pointee else {
                    throw ScriptError(phase: .runtime, message: "local variable '\(name)' of the enclosing function is used before it is assigned", location: loc)
                }
                return v
            }
        case .global:
            let cell = interpreter.globalCell(name)
            if let builtin = interpreter.predefined(name) {
                return { _ in cell.pointer.pointee ?? builtin }
            }
            return { _ throws(ScriptError) in
                guard let v = cell.pointer.pointee else {
                    throw ScriptError(phase: .runtime, message: "undefined name '\(name)'", location: loc)
                }
                return v
            }
        }
    }

    /// Writes a variable.
    func writer(_ name: String, _ p: Position) throws(ScriptError) -> (Frame, Value) throws(ScriptError) -> Void {
        let loc = location(p)
        switch scope.access(name) {
        case .local(let s):
            return { f, v in f.slots[s] = v }
        case .cell(let s):
            return { f, v throws(ScriptError) in
                guard let c = cellIn(f.slots[s]) else {
                    throw ScriptError(phase: .runtime, message: "internal: no cell for '\(name)'", location: loc)
                }
                c.pointer.pointee = v
            }
        case .free(let i):
            return { f, v throws(ScriptError) in
                guard let fn = f.function, i < fn.captures.count else {
                    throw ScriptError(phase: .runtime, message: "internal: no captured '\(name)'", location: loc)
                }
                fn.captures[i].pointer.pointee = v
            }
        case .global:
            let cell = interpreter.globalCell(name)
            let interpreter = self.interpreter
            return { f, v in interpreter.writeGlobal(cell, v, depth: f.depth) }
        }
    }
}
