// giflib 5's encoder and decoder (libgif-dev; no pkg-config file).
#include <gif_lib.h>
