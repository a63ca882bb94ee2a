/// CMuJoCoRender: MuJoCo's own renderer (`mjr_*`) in an offscreen EGL context, as gymnasium's `rgb_array`
/// mode draws with `MUJOCO_GL=egl` (Mesa's software rasteriser where there is no GPU).
///
/// A renderer owns one OpenGL context, a MuJoCo scene and render context sized for one model. Use it from
/// one thread at a time; each call makes its context current on the calling thread.
#ifndef CMUJOCORENDER_H
#define CMUJOCORENDER_H

#include <mujoco/mujoco.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cmjr_renderer cmjr_renderer;

/// A renderer of `width` × `height` pictures of `model` (at most the model's offscreen buffer, 640 × 480
/// unless the model sets another), or NULL with the reason in `error` (no EGL display, no context).
cmjr_renderer *cmjr_create(const mjModel *model, int width, int height, char *error, int error_size);

/// Draws `data` seen by `camera` into `rgb` (width × height × 3 bytes, rows from the top of the picture
/// down). Returns 0, or -1 with the reason in `error`.
int cmjr_render(cmjr_renderer *renderer, const mjModel *model, mjData *data, const mjvCamera *camera,
                unsigned char *rgb, char *error, int error_size);

/// Frees the renderer and its context. NULL is ignored.
void cmjr_destroy(cmjr_renderer *renderer);

#ifdef __cplusplus
}
#endif

#endif
