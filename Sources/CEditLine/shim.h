// The one header through which nns sees libedit. libedit's el_set/el_get/history are C-variadic,
// which Swift cannot call, so the calls nns needs are wrapped here as plain static inline functions,
// together with accessors for the C globals Swift 6 refuses to read (stdin, stdout, stderr).
// Only Sources/NNSFrontEnd/LineEditor.swift imports this module.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <wchar.h>
#include <editline/readline.h>
#include <histedit.h>

// ---- stdio globals -------------------------------------------------------------------------

static inline FILE *nns_stdin(void) { return stdin; }
static inline FILE *nns_stdout(void) { return stdout; }
static inline FILE *nns_stderr(void) { return stderr; }

// ---- editor ----------------------------------------------------------------------------------

typedef char *(*nns_prompt_fn)(EditLine *);
typedef unsigned char (*nns_command_fn)(EditLine *, int);

/// Emacs key bindings.
static inline int nns_el_set_emacs(EditLine *el) { return el_set(el, EL_EDITOR, "emacs"); }
/// Let libedit restore the terminal on signals (then el_gets returns NULL on Ctrl-C).
static inline int nns_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
/// The prompt function; `esc` brackets invisible (colour) sequences in the returned prompt.
static inline int nns_el_set_prompt(EditLine *el, nns_prompt_fn fn, char esc) {
    return el_set(el, EL_PROMPT_ESC, fn, esc);
}
/// Attaches an opaque pointer to the editor (read back in callbacks).
static inline int nns_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}
/// The opaque pointer attached with nns_el_set_clientdata.
static inline void *nns_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}
/// Registers a named editor command implemented by `fn`.
static inline int nns_el_add_function(EditLine *el, const char *name, const char *help,
                                      nns_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
/// Binds a key sequence (libedit notation, e.g. "^I", "\\e[1;5C") to a named command.
static inline int nns_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, NULL);
}
/// Attaches a history to the editor (for arrows and Ctrl-R).
static inline int nns_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}
/// Changes one terminal flag of the editing mode ("-d" selects it): e.g. "-isig" lets Ctrl-C reach
/// the editor as a key instead of raising SIGINT while a line is being edited.
static inline int nns_el_setty_edit(EditLine *el, const char *flag) {
    return el_set(el, EL_SETTY, "-d", flag, NULL);
}
/// Redraws the prompt and line (after printing completion candidates).
static inline int nns_el_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }

// ---- history ---------------------------------------------------------------------------------

/// Limits the number of kept entries.
static inline int nns_history_setsize(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}
/// Drops a new entry equal to the previous one.
static inline int nns_history_setunique(History *h, int on) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, on);
}
/// Adds an entry.
static inline int nns_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}
/// Loads entries from a libedit history file; returns the count or -1.
static inline int nns_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}
/// Writes every entry to a libedit history file; returns the count or -1.
static inline int nns_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}
/// Writes every entry in libedit's file format to an open stream; returns the count or -1.
static inline int nns_history_save_fp(History *h, FILE *fp) {
    HistEvent ev;
    return history(h, &ev, H_SAVE_FP, fp);
}
/// Removes every entry.
static inline void nns_history_clear(History *h) {
    HistEvent ev;
    history(h, &ev, H_CLEAR);
}
/// The number of entries.
static inline int nns_history_count(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_GETSIZE) < 0) return 0;
    return ev.num;
}
/// The oldest entry's text (start of an iteration), or NULL.
static inline const char *nns_history_first(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_LAST) < 0) return NULL;
    return ev.str;
}
/// The next newer entry's text, or NULL at the end.
static inline const char *nns_history_next_newer(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_PREV) < 0) return NULL;
    return ev.str;
}
