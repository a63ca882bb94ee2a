#include "CMuJoCo.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// The guarded call in progress on this thread, where the error handler jumps back to.
static _Thread_local jmp_buf *current_call;
static _Thread_local char error_message[1000];
static _Thread_local char warning_message[1000];

static pthread_once_t handlers_once = PTHREAD_ONCE_INIT;
/// MuJoCo 2.2.2's XML parser and compiler keep global state: one compilation at a time.
static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;

static void on_error(const char *message) {
    snprintf(error_message, sizeof error_message, "%s", message);
    if (current_call) {
        longjmp(*current_call, 1);
    }
    /* An error outside a guarded call: nothing can continue safely. */
    fprintf(stderr, "MuJoCo error outside a guarded call: %s\n", message);
    abort();
}

static void on_warning(const char *message) {
    snprintf(warning_message, sizeof warning_message, "%s", message);
}

static void install_handlers(void) {
    mju_user_error = on_error;
    mju_user_warning = on_warning;
}

static void copy_error(char *error, int error_size) {
    if (error && error_size > 0) {
        snprintf(error, (size_t)error_size, "%s", error_message);
    }
}

/* Runs `body` guarded: 0, or -1 with MuJoCo's message. `volatile` keeps the state longjmp may skip. */
#define GUARDED(error, error_size, body)                    \
    do {                                                    \
        pthread_once(&handlers_once, install_handlers);     \
        jmp_buf here;                                       \
        jmp_buf *volatile outer = current_call;             \
        if (setjmp(here) != 0) {                            \
            current_call = outer;                           \
            copy_error(error, error_size);                  \
            return -1;                                      \
        }                                                   \
        current_call = &here;                               \
        body;                                               \
        current_call = outer;                               \
        return 0;                                           \
    } while (0)

static int load_guarded(const char *name, mjVFS *vfs, mjModel *volatile *model,
                        char *error, int error_size) {
    GUARDED(error, error_size, {
        *model = mj_loadXML(name, vfs, error, error_size);
    });
}

mjModel *cmj_load_xml(const char *name, const char *xml, char *error, int error_size) {
    if (error && error_size > 0) error[0] = 0;
    mjVFS *vfs = malloc(sizeof(mjVFS)); /* about 2 MB: not on the stack */
    if (!vfs) {
        if (error && error_size > 0) snprintf(error, (size_t)error_size, "out of memory for MuJoCo's file system");
        return NULL;
    }
    mj_defaultVFS(vfs);
    size_t length = strlen(xml);
    mjModel *volatile model = NULL;
    if (length > (size_t)0x7fffffff || mj_makeEmptyFileVFS(vfs, name, (int)length) != 0) {
        if (error && error_size > 0) snprintf(error, (size_t)error_size, "cannot place %s (%zu bytes) in MuJoCo's file system", name, length);
    } else {
        int index = mj_findFileVFS(vfs, name);
        memcpy(vfs->filedata[index], xml, length);
        pthread_mutex_lock(&compile_lock);
        if (load_guarded(name, vfs, &model, error, error_size) != 0) model = NULL;
        pthread_mutex_unlock(&compile_lock);
    }
    mj_deleteVFS(vfs);
    free(vfs);
    return model;
}

static int make_data_guarded(const mjModel *model, mjData *volatile *data, char *error, int error_size) {
    GUARDED(error, error_size, { *data = mj_makeData(model); });
}

mjData *cmj_make_data(const mjModel *model, char *error, int error_size) {
    mjData *volatile data = NULL;
    if (make_data_guarded(model, &data, error, error_size) != 0) return NULL;
    if (!data && error && error_size > 0) snprintf(error, (size_t)error_size, "MuJoCo could not allocate the model's data");
    return data;
}

int cmj_step(const mjModel *model, mjData *data, int steps, int contact_forces, char *error, int error_size) {
    GUARDED(error, error_size, {
        for (int i = 0; i < steps; i++) mj_step(model, data);
        if (contact_forces) mj_rnePostConstraint(model, data);
    });
}

int cmj_forward(const mjModel *model, mjData *data, char *error, int error_size) {
    GUARDED(error, error_size, { mj_forward(model, data); });
}

const char *cmj_take_warning(void) {
    static _Thread_local char taken[1000];
    memcpy(taken, warning_message, sizeof taken);
    warning_message[0] = 0;
    return taken;
}

int cmj_guarded(void (*body)(void *), void *context, char *error, int error_size) {
    GUARDED(error, error_size, { body(context); });
}

int cmj_raise_error_for_testing(const char *message, char *error, int error_size) {
    GUARDED(error, error_size, { mju_error(message); });
}
