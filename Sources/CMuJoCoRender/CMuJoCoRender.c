#include "CMuJoCoRender.h"

#include <CMuJoCo.h>
#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cmjr_renderer {
    EGLContext context;
    int width, height;
    mjvScene scene;
    mjrContext mjr;
    mjvOption option;
    mjvPerturb perturb;
    unsigned char *flipped;
};

static pthread_once_t display_once = PTHREAD_ONCE_INIT;
static EGLDisplay display = EGL_NO_DISPLAY;
static char display_problem[300];

/// The first EGL device that initialises (as MuJoCo's Python bindings choose one), else the default display.
static void open_display(void) {
    PFNEGLQUERYDEVICESEXTPROC query_devices = (PFNEGLQUERYDEVICESEXTPROC)eglGetProcAddress("eglQueryDevicesEXT");
    PFNEGLGETPLATFORMDISPLAYEXTPROC platform_display =
        (PFNEGLGETPLATFORMDISPLAYEXTPROC)eglGetProcAddress("eglGetPlatformDisplayEXT");
    if (query_devices && platform_display) {
        EGLDeviceEXT devices[16];
        EGLint count = 0;
        if (query_devices(16, devices, &count)) {
            for (EGLint i = 0; i < count; i++) {
                EGLDisplay candidate = platform_display(EGL_PLATFORM_DEVICE_EXT, devices[i], NULL);
                if (candidate != EGL_NO_DISPLAY && eglInitialize(candidate, NULL, NULL)) {
                    display = candidate;
                    return;
                }
            }
        }
    }
    EGLDisplay fallback = eglGetDisplay(EGL_DEFAULT_DISPLAY);
    if (fallback != EGL_NO_DISPLAY && eglInitialize(fallback, NULL, NULL)) {
        display = fallback;
        return;
    }
    snprintf(display_problem, sizeof display_problem,
             "no EGL display could be initialised (EGL error 0x%x); MuJoCo's renderer needs libEGL with Mesa "
             "(Debian: libegl1, libegl-mesa0, libgl1-mesa-dri)", eglGetError());
}

static void fail(char *error, int error_size, const char *message) {
    if (error && error_size > 0) snprintf(error, (size_t)error_size, "%s", message);
}

struct make_args {
    cmjr_renderer *renderer;
    const mjModel *model;
};

static void make_mujoco_context(void *raw) {
    struct make_args *args = raw;
    mjv_makeScene(args->model, &args->renderer->scene, 1000);
    mjr_makeContext(args->model, &args->renderer->mjr, mjFONTSCALE_150);
    mjr_setBuffer(mjFB_OFFSCREEN, &args->renderer->mjr);
}

cmjr_renderer *cmjr_create(const mjModel *model, int width, int height, char *error, int error_size) {
    pthread_once(&display_once, open_display);
    if (display == EGL_NO_DISPLAY) {
        fail(error, error_size, display_problem);
        return NULL;
    }
    static const EGLint attributes[] = {
        EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_ALPHA_SIZE, 8, EGL_DEPTH_SIZE, 24,
        EGL_STENCIL_SIZE, 8, EGL_COLOR_BUFFER_TYPE, EGL_RGB_BUFFER, EGL_SURFACE_TYPE, EGL_PBUFFER_BIT,
        EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE,
    };
    EGLConfig config;
    EGLint configs = 0;
    if (!eglChooseConfig(display, attributes, &config, 1, &configs) || configs < 1) {
        fail(error, error_size, "EGL has no framebuffer configuration with 8-bit RGBA, 24-bit depth and OpenGL");
        return NULL;
    }
    if (!eglBindAPI(EGL_OPENGL_API)) {
        fail(error, error_size, "EGL cannot bind the OpenGL API");
        return NULL;
    }
    if (width < 1 || height < 1 || width > model->vis.global.offwidth || height > model->vis.global.offheight) {
        char message[200];
        snprintf(message, sizeof message, "a %d x %d picture does not fit the model's offscreen buffer (%d x %d)",
                 width, height, model->vis.global.offwidth, model->vis.global.offheight);
        fail(error, error_size, message);
        return NULL;
    }
    cmjr_renderer *renderer = calloc(1, sizeof *renderer);
    unsigned char *flipped = malloc((size_t)width * (size_t)height * 3);
    if (!renderer || !flipped) {
        free(renderer);
        free(flipped);
        fail(error, error_size, "out of memory for the renderer");
        return NULL;
    }
    renderer->flipped = flipped;
    renderer->width = width;
    renderer->height = height;
    renderer->context = eglCreateContext(display, config, EGL_NO_CONTEXT, NULL);
    if (renderer->context == EGL_NO_CONTEXT || !eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, renderer->context)) {
        if (renderer->context != EGL_NO_CONTEXT) eglDestroyContext(display, renderer->context);
        free(flipped);
        free(renderer);
        fail(error, error_size, "EGL cannot create or make current an OpenGL context without a surface");
        return NULL;
    }
    mjv_defaultOption(&renderer->option);
    mjv_defaultPerturb(&renderer->perturb);
    mjv_defaultScene(&renderer->scene);
    mjr_defaultContext(&renderer->mjr);
    struct make_args args = {renderer, model};
    if (cmj_guarded(make_mujoco_context, &args, error, error_size) != 0) {
        cmjr_destroy(renderer);
        return NULL;
    }
    return renderer;
}

struct render_args {
    cmjr_renderer *renderer;
    const mjModel *model;
    mjData *data;
    const mjvCamera *camera;
};

static void draw(void *raw) {
    struct render_args *args = raw;
    cmjr_renderer *r = args->renderer;
    mjvCamera camera = *args->camera;
    mjrRect viewport = {0, 0, r->width, r->height};
    mjv_updateScene(args->model, args->data, &r->option, &r->perturb, &camera, mjCAT_ALL, &r->scene);
    mjr_render(viewport, &r->scene, &r->mjr);
    mjr_readPixels(r->flipped, NULL, viewport, &r->mjr);
}

int cmjr_render(cmjr_renderer *renderer, const mjModel *model, mjData *data, const mjvCamera *camera,
                unsigned char *rgb, char *error, int error_size) {
    if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, renderer->context)) {
        fail(error, error_size, "EGL cannot make the renderer's context current");
        return -1;
    }
    struct render_args args = {renderer, model, data, camera};
    if (cmj_guarded(draw, &args, error, error_size) != 0) return -1;
    size_t row = (size_t)renderer->width * 3;
    for (int y = 0; y < renderer->height; y++) {
        memcpy(rgb + (size_t)y * row, renderer->flipped + (size_t)(renderer->height - 1 - y) * row, row);
    }
    return 0;
}

void cmjr_destroy(cmjr_renderer *renderer) {
    if (!renderer) return;
    if (eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, renderer->context)) {
        mjr_freeContext(&renderer->mjr);
        mjv_freeScene(&renderer->scene);
        eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    }
    eglDestroyContext(display, renderer->context);
    free(renderer->flipped);
    free(renderer);
}
