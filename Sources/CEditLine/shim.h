// The one header through which nns sees libedit. libedit's el_set/el_get/history are C-variadic,
// which Swift cannot call, so the calls nns needs are wrapped here as plain static inline functions.
#include <stdio.h>
#include <editline/readline.h>
#include <histedit.h>
