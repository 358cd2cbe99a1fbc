// PictureLibraries: Cairo, fontconfig and libpng are opened on the first PNG picture rather than
// linked, so every start-up of nns that draws none skips mapping and relocating them.
import CCairo

/// The shared libraries PNG pictures are drawn and written with.
enum PictureLibraries {
    /// Opens them once; a machine without them gets an error that names the package to install.
    static func open() throws {
        guard nns_picture_libraries_load() == 0 else { return }
        throw PlotError(String(cString: nns_picture_libraries_error()))
    }
}
