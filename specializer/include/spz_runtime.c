/* Forwarder so `#include "spz_runtime.c"` works with only -I<specializer>/include. */
#include "../src/spz_runtime.c"
