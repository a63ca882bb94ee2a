// Cairo's image surfaces, paths and PNG input/output (libcairo2-dev).
#include <cairo.h>
