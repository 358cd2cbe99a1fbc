// The one header through which nns sees its picture libraries: Cairo (drawing), its FreeType
// font backend, fontconfig (which installed font draws which character) and libpng (the PNG
// library Cairo itself uses, called directly for its fast-write settings).
#include <cairo.h>
#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <png.h>
