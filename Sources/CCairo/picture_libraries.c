// Cairo, fontconfig and libpng opened with dlopen on the first picture. Each function PlotKit
// calls is defined here under its own name (the compiler checks it against the library's
// header) and forwards through a pointer found with dlsym; before a successful load, or when a
// library is missing, it does nothing and returns 0 or NULL instead of jumping to nowhere.
#include "ccairo.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// F(return type, name, parameters, arguments) for functions that return a value,
// V(name, parameters, arguments) for those that return nothing.
#define NNS_PICTURE_FUNCTIONS(F, V) \
    F(cairo_t *, cairo_create, (cairo_surface_t *s), (s)) \
    V(cairo_destroy, (cairo_t *cr), (cr)) \
    F(cairo_status_t, cairo_status, (cairo_t *cr), (cr)) \
    V(cairo_save, (cairo_t *cr), (cr)) \
    V(cairo_restore, (cairo_t *cr), (cr)) \
    V(cairo_translate, (cairo_t *cr, double x, double y), (cr, x, y)) \
    V(cairo_scale, (cairo_t *cr, double x, double y), (cr, x, y)) \
    V(cairo_rotate, (cairo_t *cr, double a), (cr, a)) \
    V(cairo_new_path, (cairo_t *cr), (cr)) \
    V(cairo_move_to, (cairo_t *cr, double x, double y), (cr, x, y)) \
    V(cairo_line_to, (cairo_t *cr, double x, double y), (cr, x, y)) \
    V(cairo_rectangle, (cairo_t *cr, double x, double y, double w, double h), (cr, x, y, w, h)) \
    V(cairo_arc, (cairo_t *cr, double x, double y, double r, double a1, double a2), \
      (cr, x, y, r, a1, a2)) \
    V(cairo_clip, (cairo_t *cr), (cr)) \
    V(cairo_fill, (cairo_t *cr), (cr)) \
    V(cairo_fill_preserve, (cairo_t *cr), (cr)) \
    V(cairo_stroke, (cairo_t *cr), (cr)) \
    V(cairo_paint, (cairo_t *cr), (cr)) \
    V(cairo_set_antialias, (cairo_t *cr, cairo_antialias_t a), (cr, a)) \
    V(cairo_set_line_cap, (cairo_t *cr, cairo_line_cap_t c), (cr, c)) \
    V(cairo_set_line_join, (cairo_t *cr, cairo_line_join_t j), (cr, j)) \
    V(cairo_set_line_width, (cairo_t *cr, double w), (cr, w)) \
    V(cairo_set_source_rgba, (cairo_t *cr, double r, double g, double b, double a), \
      (cr, r, g, b, a)) \
    V(cairo_set_source_surface, (cairo_t *cr, cairo_surface_t *s, double x, double y), \
      (cr, s, x, y)) \
    F(cairo_pattern_t *, cairo_get_source, (cairo_t *cr), (cr)) \
    V(cairo_pattern_set_extend, (cairo_pattern_t *p, cairo_extend_t e), (p, e)) \
    V(cairo_pattern_set_filter, (cairo_pattern_t *p, cairo_filter_t f), (p, f)) \
    V(cairo_set_font_face, (cairo_t *cr, cairo_font_face_t *f), (cr, f)) \
    V(cairo_set_font_size, (cairo_t *cr, double s), (cr, s)) \
    V(cairo_set_font_options, (cairo_t *cr, const cairo_font_options_t *o), (cr, o)) \
    V(cairo_show_text, (cairo_t *cr, const char *utf8), (cr, utf8)) \
    F(cairo_surface_t *, cairo_image_surface_create, (cairo_format_t f, int w, int h), (f, w, h)) \
    F(unsigned char *, cairo_image_surface_get_data, (cairo_surface_t *s), (s)) \
    F(int, cairo_image_surface_get_stride, (cairo_surface_t *s), (s)) \
    F(cairo_status_t, cairo_surface_status, (cairo_surface_t *s), (s)) \
    V(cairo_surface_destroy, (cairo_surface_t *s), (s)) \
    V(cairo_surface_flush, (cairo_surface_t *s), (s)) \
    V(cairo_surface_mark_dirty, (cairo_surface_t *s), (s)) \
    V(cairo_matrix_init_identity, (cairo_matrix_t *m), (m)) \
    V(cairo_matrix_init_scale, (cairo_matrix_t *m, double x, double y), (m, x, y)) \
    F(cairo_font_options_t *, cairo_font_options_create, (void), ()) \
    V(cairo_font_options_set_antialias, (cairo_font_options_t *o, cairo_antialias_t a), (o, a)) \
    V(cairo_font_options_set_hint_metrics, (cairo_font_options_t *o, cairo_hint_metrics_t m), \
      (o, m)) \
    V(cairo_font_options_set_hint_style, (cairo_font_options_t *o, cairo_hint_style_t s), (o, s)) \
    V(cairo_font_options_set_subpixel_order, \
      (cairo_font_options_t *o, cairo_subpixel_order_t s), (o, s)) \
    F(cairo_font_face_t *, cairo_ft_font_face_create_for_pattern, (FcPattern *p), (p)) \
    F(cairo_status_t, cairo_font_face_status, (cairo_font_face_t *f), (f)) \
    F(cairo_scaled_font_t *, cairo_scaled_font_create, \
      (cairo_font_face_t *f, const cairo_matrix_t *m, const cairo_matrix_t *ctm, \
       const cairo_font_options_t *o), (f, m, ctm, o)) \
    V(cairo_scaled_font_destroy, (cairo_scaled_font_t *f), (f)) \
    F(cairo_status_t, cairo_scaled_font_status, (cairo_scaled_font_t *f), (f)) \
    V(cairo_scaled_font_extents, (cairo_scaled_font_t *f, cairo_font_extents_t *e), (f, e)) \
    V(cairo_scaled_font_text_extents, \
      (cairo_scaled_font_t *f, const char *utf8, cairo_text_extents_t *e), (f, utf8, e)) \
    F(FcBool, FcInit, (void), ()) \
    F(FcConfig *, FcConfigGetCurrent, (void), ()) \
    F(FcBool, FcConfigSubstitute, (FcConfig *c, FcPattern *p, FcMatchKind k), (c, p, k)) \
    V(FcDefaultSubstitute, (FcPattern *p), (p)) \
    F(FcPattern *, FcNameParse, (const FcChar8 *name), (name)) \
    F(FcFontSet *, FcFontSort, \
      (FcConfig *c, FcPattern *p, FcBool trim, FcCharSet **csp, FcResult *r), (c, p, trim, csp, r)) \
    F(FcPattern *, FcFontRenderPrepare, (FcConfig *c, FcPattern *p, FcPattern *f), (c, p, f)) \
    V(FcPatternDestroy, (FcPattern *p), (p)) \
    F(FcBool, FcPatternDel, (FcPattern *p, const char *o), (p, o)) \
    F(FcBool, FcPatternAddBool, (FcPattern *p, const char *o, FcBool b), (p, o, b)) \
    F(FcBool, FcPatternAddInteger, (FcPattern *p, const char *o, int i), (p, o, i)) \
    F(FcResult, FcPatternGetCharSet, (const FcPattern *p, const char *o, int n, FcCharSet **c), \
      (p, o, n, c)) \
    F(FcResult, FcPatternGetString, (const FcPattern *p, const char *o, int n, FcChar8 **s), \
      (p, o, n, s)) \
    F(FcBool, FcCharSetHasChar, (const FcCharSet *c, FcChar32 u), (c, u)) \
    F(int, png_image_begin_read_from_memory, (png_imagep i, png_const_voidp m, size_t n), (i, m, n)) \
    F(int, png_image_finish_read, \
      (png_imagep i, png_const_colorp bg, void *buffer, png_int_32 stride, void *colormap), \
      (i, bg, buffer, stride, colormap)) \
    V(png_image_free, (png_imagep i), (i)) \
    F(int, png_image_write_to_memory, \
      (png_imagep i, void *memory, png_alloc_size_t *bytes, int to8, const void *buffer, \
       png_int_32 stride, const void *colormap), (i, memory, bytes, to8, buffer, stride, colormap))

// One pointer per function, NULL until the libraries are open.
#define NNS_POINTER(ret, name, params, args) static ret (*p_##name) params;
#define NNS_POINTER_VOID(name, params, args) static void (*p_##name) params;
NNS_PICTURE_FUNCTIONS(NNS_POINTER, NNS_POINTER_VOID)

// The functions themselves, under the libraries' names.
#define NNS_FORWARD(ret, name, params, args) \
    ret name params { return p_##name ? p_##name args : (ret)0; }
#define NNS_FORWARD_VOID(name, params, args) \
    void name params { if (p_##name) p_##name args; }
NNS_PICTURE_FUNCTIONS(NNS_FORWARD, NNS_FORWARD_VOID)

// Debian's sonames of the three libraries (fontconfig's and libpng's are Cairo's own
// dependencies, so opening them costs nothing more).
static const char *const library_names[] = {"libcairo.so.2", "libfontconfig.so.1", "libpng16.so.16"};
enum { library_count = sizeof library_names / sizeof library_names[0] };

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int load_succeeded;
static char load_error[512];

// The first library that has `name`, or NULL with the reason in load_error.
static void *find_symbol(void *const handles[], const char *name) {
    for (int i = 0; i < library_count; i++) {
        void *symbol = dlsym(handles[i], name);
        if (symbol) return symbol;
    }
    snprintf(load_error, sizeof load_error, "the picture libraries lack %s (Cairo, fontconfig "
             "and libpng too old?)", name);
    return NULL;
}

static void load_libraries(void) {
    void *handles[library_count];
    for (int i = 0; i < library_count; i++) {
        handles[i] = dlopen(library_names[i], RTLD_NOW | RTLD_LOCAL);
        if (!handles[i]) {
            const char *why = dlerror();
            snprintf(load_error, sizeof load_error, "PNG pictures need %s, which cannot be opened "
                     "(%s): install Debian's libcairo2, libfontconfig1 and libpng16-16",
                     library_names[i], why ? why : "not found");
            return;
        }
    }
    // Every pointer is found before any is set, so a partial load leaves all of them NULL.
#define NNS_FIND(ret, name, params, args) \
    void *s_##name = find_symbol(handles, #name); if (!s_##name) return;
#define NNS_FIND_VOID(name, params, args) NNS_FIND(void, name, params, args)
    NNS_PICTURE_FUNCTIONS(NNS_FIND, NNS_FIND_VOID)
#define NNS_SET(ret, name, params, args) p_##name = (ret (*) params) s_##name;
#define NNS_SET_VOID(name, params, args) p_##name = (void (*) params) s_##name;
    NNS_PICTURE_FUNCTIONS(NNS_SET, NNS_SET_VOID)
    load_succeeded = 1;
}

int nns_picture_libraries_load(void) {
    pthread_once(&load_once, load_libraries);
    return load_succeeded;
}

const char *nns_picture_libraries_error(void) {
    nns_picture_libraries_load();
    return load_succeeded ? "" : load_error;
}
