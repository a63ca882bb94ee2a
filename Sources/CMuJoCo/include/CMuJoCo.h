/// CMuJoCo: Debian's MuJoCo 2.2.2 (`libmujoco-dev`) with calls that report MuJoCo's errors instead of
/// exiting the process.
///
/// MuJoCo reports a fatal error through `mju_error`, whose default handler prints and calls `exit`. The
/// `cmj_` calls below install a handler once that jumps back to the call in progress on the same thread,
/// which then returns -1 (or NULL) with MuJoCo's message. After a failed step or forward the `mjData` is
/// unusable until `mj_resetData`. Warnings are not printed: MuJoCo counts them in `mjData.warning`.
#ifndef CMUJOCO_H
#define CMUJOCO_H

#include <stddef.h>
#include <mujoco/mujoco.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Compiles the MJCF document `xml` under the file name `name` (through a virtual file system: nothing
/// is read from disk). Returns the model, or NULL with the reason in `error`.
mjModel *cmj_load_xml(const char *name, const char *xml, char *error, int error_size);

/// A new `mjData` for `model`, or NULL with the reason in `error`.
mjData *cmj_make_data(const mjModel *model, char *error, int error_size);

/// `mj_step` `steps` times, then, if `contact_forces` is non-zero, `mj_rnePostConstraint` (so that `cfrc_ext`
/// and `cacc` hold this state's values, as gymnasium computes them). Returns 0, or -1 with MuJoCo's message
/// in `error`.
int cmj_step(const mjModel *model, mjData *data, int steps, int contact_forces, char *error, int error_size);

/// `mj_forward`. Returns 0, or -1 with MuJoCo's message in `error`.
int cmj_forward(const mjModel *model, mjData *data, char *error, int error_size);

/// The text of the last warning MuJoCo reported on this thread ("" if none since the last call), then
/// forgets it.
const char *cmj_take_warning(void);

/// Runs `body(context)` guarded: 0, or -1 with the message of a MuJoCo error it raised (for the shims of
/// MuJoCo's other parts, e.g. its renderer).
int cmj_guarded(void (*body)(void *), void *context, char *error, int error_size);

/// Forces a MuJoCo error inside a guarded call: the tests' way to prove that errors come back as -1.
int cmj_raise_error_for_testing(const char *message, char *error, int error_size);

#ifdef __cplusplus
}
#endif

#endif
