// The one header through which nns sees its picture libraries: Cairo (drawing), its FreeType
// font backend, fontconfig (which installed font draws which character) and libpng (called
// directly for its fast-write settings). nns does not link them: they are opened on the first
// picture (picture_libraries.c), so a run that draws none does not map and relocate Cairo and
// the seventeen shared libraries it brings (3 ms of every start-up).
#ifndef NNS_CCAIRO_H
#define NNS_CCAIRO_H

#include <cairo/cairo.h>
#include <fontconfig/fontconfig.h>
#include <png.h>

// From cairo-ft.h, which would need FreeType's headers for this one declaration.
cairo_font_face_t *cairo_ft_font_face_create_for_pattern(FcPattern *pattern);

/// Opens Cairo, fontconfig and libpng once (thread-safe); 1 when every function nns calls was
/// found, else 0. Until it succeeds every picture function does nothing and returns 0 or NULL.
int nns_picture_libraries_load(void);

/// Why `nns_picture_libraries_load` failed (empty when it did not).
const char *nns_picture_libraries_error(void);

#endif
