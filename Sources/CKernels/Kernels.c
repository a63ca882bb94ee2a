#include "CKernels.h"

#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

// Shared constants (Cephes' expf and tanhf coefficients).
#define EXP_LO -87.3f
#define EXP_HI 88.3f
#define LOG2E 1.44269504f
#define LN2_HI 0.693359375f
#define LN2_LO -2.12194440e-4f
#define EXP_P0 1.9875691500e-4f
#define EXP_P1 1.3981999507e-3f
#define EXP_P2 8.3334519073e-3f
#define EXP_P3 4.1665795894e-2f
#define EXP_P4 1.6666665459e-1f
#define EXP_P5 5.0000001201e-1f
#define TANH_SMALL 0.625f
#define TANH_P0 -5.70498872745e-3f
#define TANH_P1 2.06390887954e-2f
#define TANH_P2 -5.37397155531e-2f
#define TANH_P3 1.33314422036e-1f
#define TANH_P4 -3.33332819422e-1f

// ---- Portable versions: plain C loops the compiler vectorises. ----

static inline float exp_portable(float x) {
    float c = x > EXP_LO ? x : EXP_LO;
    c = c < EXP_HI ? c : EXP_HI;
    if (x != x) c = x;  // NaN failed both comparisons above: keep it
    // Adding 1.5·2²³ rounds c·log₂e to the nearest integer n, which the low mantissa bits then hold.
    float shifted = c * LOG2E + 12582912.0f;
    float n = shifted - 12582912.0f;
    float r = c - n * LN2_HI - n * LN2_LO;
    float p = EXP_P0;
    p = p * r + EXP_P1;
    p = p * r + EXP_P2;
    p = p * r + EXP_P3;
    p = p * r + EXP_P4;
    p = p * r + EXP_P5;
    float er = p * r * r + r + 1.0f;
    int32_t shiftedBits;
    memcpy(&shiftedBits, &shifted, sizeof shiftedBits);
    int32_t bits = (shiftedBits - 0x4B400000 + 127) << 23;
    float twoToN;
    memcpy(&twoToN, &bits, sizeof twoToN);
    return er * twoToN;
}

static inline float tanh_portable(float x) {
    float ax = fabsf(x);
    float result;
    if (ax < TANH_SMALL) {
        float z = x * x;
        float p = TANH_P0;
        p = p * z + TANH_P1;
        p = p * z + TANH_P2;
        p = p * z + TANH_P3;
        p = p * z + TANH_P4;
        result = p * z * x + x;
    } else {
        float t = exp_portable(-2.0f * ax);
        result = copysignf((1.0f - t) / (1.0f + t), x);
    }
    return result;
}

// ---- AVX2 + FMA versions: eight lanes per step. ----

#define AVX2 __attribute__((target("avx2,fma")))

AVX2 static inline __m256 exp8(__m256 x) {
    __m256 c = _mm256_min_ps(_mm256_set1_ps(EXP_HI), _mm256_max_ps(_mm256_set1_ps(EXP_LO), x));  // NaN passes
    __m256 n = _mm256_round_ps(_mm256_mul_ps(c, _mm256_set1_ps(LOG2E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(LN2_HI), c);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(LN2_LO), r);
    __m256 p = _mm256_set1_ps(EXP_P0);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(EXP_P1));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(EXP_P2));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(EXP_P3));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(EXP_P4));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(EXP_P5));
    __m256 er = _mm256_add_ps(_mm256_fmadd_ps(p, _mm256_mul_ps(r, r), r), _mm256_set1_ps(1.0f));
    __m256i bits = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(er, _mm256_castsi256_ps(bits));
}

AVX2 static inline __m256 tanh8(__m256 x) {
    __m256 sign = _mm256_set1_ps(-0.0f);
    __m256 ax = _mm256_andnot_ps(sign, x);
    __m256 z = _mm256_mul_ps(x, x);
    __m256 p = _mm256_set1_ps(TANH_P0);
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(TANH_P1));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(TANH_P2));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(TANH_P3));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(TANH_P4));
    __m256 small = _mm256_fmadd_ps(_mm256_mul_ps(p, z), x, x);
    __m256 t = exp8(_mm256_mul_ps(_mm256_set1_ps(-2.0f), ax));
    __m256 one = _mm256_set1_ps(1.0f);
    __m256 large = _mm256_div_ps(_mm256_sub_ps(one, t), _mm256_add_ps(one, t));
    large = _mm256_or_ps(large, _mm256_and_ps(sign, x));
    __m256 isSmall = _mm256_cmp_ps(ax, _mm256_set1_ps(TANH_SMALL), _CMP_LT_OQ);  // false for NaN
    return _mm256_blendv_ps(large, small, isSmall);
}

AVX2 static inline __m256 sigmoid8(__m256 x) {
    __m256 one = _mm256_set1_ps(1.0f);
    return _mm256_div_ps(one, _mm256_add_ps(one, exp8(_mm256_xor_ps(x, _mm256_set1_ps(-0.0f)))));
}

/// Runs `body` over full chunks of 8 and once over the zero-padded tail, for unary maps.
#define MAP8(x, y, count, body)                                           \
    do {                                                                  \
        size_t i_ = 0;                                                    \
        for (; i_ + 8 <= (count); i_ += 8)                                \
            _mm256_storeu_ps((y) + i_, body(_mm256_loadu_ps((x) + i_)));  \
        if (i_ < (count)) {                                               \
            float in_[8] = {0}, out_[8];                                  \
            memcpy(in_, (x) + i_, ((count) - i_) * sizeof(float));        \
            _mm256_storeu_ps(out_, body(_mm256_loadu_ps(in_)));           \
            memcpy((y) + i_, out_, ((count) - i_) * sizeof(float));       \
        }                                                                 \
    } while (0)

AVX2 static void exp_avx2(const float *x, float *y, size_t count) { MAP8(x, y, count, exp8); }
AVX2 static void tanh_avx2(const float *x, float *y, size_t count) { MAP8(x, y, count, tanh8); }

AVX2 static void silu_forward_avx2(float *z, float *a, size_t count) {
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256 zi = _mm256_loadu_ps(z + i);
        __m256 s = sigmoid8(zi);
        _mm256_storeu_ps(a + i, _mm256_mul_ps(zi, s));
        _mm256_storeu_ps(z + i, s);
    }
    if (i < count) {
        size_t lanes = count - i;
        float in[8] = {0}, out[8], sigma[8];
        memcpy(in, z + i, lanes * sizeof(float));
        __m256 zi = _mm256_loadu_ps(in);
        __m256 s = sigmoid8(zi);
        _mm256_storeu_ps(out, _mm256_mul_ps(zi, s));
        _mm256_storeu_ps(sigma, s);
        memcpy(a + i, out, lanes * sizeof(float));
        memcpy(z + i, sigma, lanes * sizeof(float));
    }
}

AVX2 static void silu_backward_avx2(const float *sigma, const float *a, float *grad, size_t count) {
    size_t i = 0;
    __m256 one = _mm256_set1_ps(1.0f);
    for (; i + 8 <= count; i += 8) {
        __m256 s = _mm256_loadu_ps(sigma + i);
        __m256 d = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_sub_ps(one, s), s);
        _mm256_storeu_ps(grad + i, _mm256_mul_ps(_mm256_loadu_ps(grad + i), d));
    }
    for (; i < count; i++) grad[i] *= fmaf(a[i], 1.0f - sigma[i], sigma[i]);
}

AVX2 static void tanh_backward_avx2(const float *a, float *grad, size_t count) {
    size_t i = 0;
    __m256 one = _mm256_set1_ps(1.0f);
    for (; i + 8 <= count; i += 8) {
        __m256 ai = _mm256_loadu_ps(a + i);
        __m256 d = _mm256_fnmadd_ps(ai, ai, one);
        _mm256_storeu_ps(grad + i, _mm256_mul_ps(_mm256_loadu_ps(grad + i), d));
    }
    for (; i < count; i++) grad[i] *= fmaf(-a[i], a[i], 1.0f);
}

AVX2 static void adam_avx2(float *theta, float *m, float *v, const float *g, size_t count,
                           float beta1, float beta2, float epsilon, float stepSize, float bias2Root) {
    size_t i = 0;
    __m256 b1 = _mm256_set1_ps(beta1), c1 = _mm256_set1_ps(1 - beta1);
    __m256 b2 = _mm256_set1_ps(beta2), c2 = _mm256_set1_ps(1 - beta2);
    __m256 eps = _mm256_set1_ps(epsilon), step = _mm256_set1_ps(stepSize), root = _mm256_set1_ps(bias2Root);
    for (; i + 8 <= count; i += 8) {
        __m256 gi = _mm256_loadu_ps(g + i);
        __m256 mi = _mm256_fmadd_ps(b1, _mm256_loadu_ps(m + i), _mm256_mul_ps(c1, gi));
        __m256 vi = _mm256_fmadd_ps(b2, _mm256_loadu_ps(v + i), _mm256_mul_ps(_mm256_mul_ps(c2, gi), gi));
        __m256 denominator = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(vi), root), eps);
        __m256 ti = _mm256_sub_ps(_mm256_loadu_ps(theta + i), _mm256_div_ps(_mm256_mul_ps(step, mi), denominator));
        _mm256_storeu_ps(m + i, mi);
        _mm256_storeu_ps(v + i, vi);
        _mm256_storeu_ps(theta + i, ti);
    }
    for (; i < count; i++) {
        m[i] = fmaf(beta1, m[i], (1 - beta1) * g[i]);
        v[i] = fmaf(beta2, v[i], (1 - beta2) * g[i] * g[i]);
        theta[i] -= stepSize * m[i] / (sqrtf(v[i]) / bias2Root + epsilon);
    }
}

AVX2 static void rmsprop_avx2(float *theta, float *s, const float *g, size_t count,
                              float alpha, float epsilon, float learningRate) {
    size_t i = 0;
    __m256 a = _mm256_set1_ps(alpha), c = _mm256_set1_ps(1 - alpha);
    __m256 eps = _mm256_set1_ps(epsilon), lr = _mm256_set1_ps(learningRate);
    for (; i + 8 <= count; i += 8) {
        __m256 gi = _mm256_loadu_ps(g + i);
        __m256 si = _mm256_fmadd_ps(a, _mm256_loadu_ps(s + i), _mm256_mul_ps(_mm256_mul_ps(c, gi), gi));
        __m256 step = _mm256_div_ps(_mm256_mul_ps(lr, gi), _mm256_sqrt_ps(_mm256_add_ps(si, eps)));
        _mm256_storeu_ps(s + i, si);
        _mm256_storeu_ps(theta + i, _mm256_sub_ps(_mm256_loadu_ps(theta + i), step));
    }
    for (; i < count; i++) {
        s[i] = fmaf(alpha, s[i], (1 - alpha) * g[i] * g[i]);
        theta[i] -= learningRate * g[i] / sqrtf(s[i] + epsilon);
    }
}

// ---- Dispatch. ----

int ck_uses_avx2(void) {
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

void ck_portable_exp(const float *x, float *y, size_t count) {
    for (size_t i = 0; i < count; i++) y[i] = exp_portable(x[i]);
}

void ck_portable_tanh(const float *x, float *y, size_t count) {
    for (size_t i = 0; i < count; i++) y[i] = tanh_portable(x[i]);
}

void ck_portable_silu_forward(float *restrict z, float *restrict a, size_t count) {
    for (size_t i = 0; i < count; i++) {
        float s = 1.0f / (1.0f + exp_portable(-z[i]));
        a[i] = z[i] * s;
        z[i] = s;
    }
}

void ck_exp(const float *x, float *y, size_t count) {
    if (ck_uses_avx2()) exp_avx2(x, y, count);
    else ck_portable_exp(x, y, count);
}

void ck_tanh(const float *x, float *y, size_t count) {
    if (ck_uses_avx2()) tanh_avx2(x, y, count);
    else ck_portable_tanh(x, y, count);
}

void ck_silu_forward(float *restrict z, float *restrict a, size_t count) {
    if (ck_uses_avx2()) silu_forward_avx2(z, a, count);
    else ck_portable_silu_forward(z, a, count);
}

void ck_silu_backward(const float *restrict sigma, const float *restrict a, float *restrict grad, size_t count) {
    if (ck_uses_avx2()) { silu_backward_avx2(sigma, a, grad, count); return; }
    for (size_t i = 0; i < count; i++) grad[i] *= sigma[i] + a[i] * (1.0f - sigma[i]);
}

void ck_tanh_backward(const float *restrict a, float *restrict grad, size_t count) {
    if (ck_uses_avx2()) { tanh_backward_avx2(a, grad, count); return; }
    for (size_t i = 0; i < count; i++) grad[i] *= 1.0f - a[i] * a[i];
}

void ck_adam(float *restrict theta, float *restrict m, float *restrict v, const float *restrict g, size_t count,
             float beta1, float beta2, float epsilon, float stepSize, float bias2Root) {
    if (ck_uses_avx2()) { adam_avx2(theta, m, v, g, count, beta1, beta2, epsilon, stepSize, bias2Root); return; }
    for (size_t i = 0; i < count; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        theta[i] -= stepSize * m[i] / (sqrtf(v[i]) / bias2Root + epsilon);
    }
}

void ck_rmsprop(float *restrict theta, float *restrict s, const float *restrict g, size_t count,
                float alpha, float epsilon, float learningRate) {
    if (ck_uses_avx2()) { rmsprop_avx2(theta, s, g, count, alpha, epsilon, learningRate); return; }
    for (size_t i = 0; i < count; i++) {
        s[i] = alpha * s[i] + (1 - alpha) * g[i] * g[i];
        theta[i] -= learningRate * g[i] / sqrtf(s[i] + epsilon);
    }
}

// ---- Dense layers with few outputs (policy and value heads): where sgemm's packing costs more
// than the products. Sums run in the same order for every row, whatever the batch. ----

/// Σ_k a[k]·b[k] over `count` values, eight lanes then the rest.
AVX2 static inline float dot_avx2(const float *a, const float *b, size_t count) {
    __m256 acc = _mm256_setzero_ps();
    size_t k = 0;
    for (; k + 8 <= count; k += 8) acc = _mm256_fmadd_ps(_mm256_loadu_ps(a + k), _mm256_loadu_ps(b + k), acc);
    __m128 sum4 = _mm_add_ps(_mm256_castps256_ps128(acc), _mm256_extractf128_ps(acc, 1));
    sum4 = _mm_add_ps(sum4, _mm_movehl_ps(sum4, sum4));
    sum4 = _mm_add_ss(sum4, _mm_shuffle_ps(sum4, sum4, 1));
    float sum = _mm_cvtss_f32(sum4);
    for (; k < count; k++) sum = fmaf(a[k], b[k], sum);
    return sum;
}

AVX2 static void narrow_forward_avx2(const float *x, size_t batch, size_t inputs, const float *w, const float *b,
                                     size_t outputs, float *y) {
    for (size_t r = 0; r < batch; r++)
        for (size_t o = 0; o < outputs; o++) y[r * outputs + o] = b[o] + dot_avx2(x + r * inputs, w + o * inputs, inputs);
}

AVX2 static void narrow_input_gradient_avx2(const float *dy, size_t batch, size_t outputs, const float *w,
                                            size_t inputs, float *dx, int accumulate) {
    for (size_t r = 0; r < batch; r++) {
        float *row = dx + r * inputs;
        const float *d = dy + r * outputs;
        size_t i = 0;
        for (; i + 8 <= inputs; i += 8) {
            __m256 acc = accumulate ? _mm256_loadu_ps(row + i) : _mm256_setzero_ps();
            for (size_t o = 0; o < outputs; o++) acc = _mm256_fmadd_ps(_mm256_set1_ps(d[o]), _mm256_loadu_ps(w + o * inputs + i), acc);
            _mm256_storeu_ps(row + i, acc);
        }
        for (; i < inputs; i++) {
            float acc = accumulate ? row[i] : 0;
            for (size_t o = 0; o < outputs; o++) acc = fmaf(d[o], w[o * inputs + i], acc);
            row[i] = acc;
        }
    }
}

AVX2 static void narrow_weight_gradient_avx2(const float *dy, const float *x, size_t batch, size_t outputs,
                                             size_t inputs, float *dw, float *db) {
    for (size_t o = 0; o < outputs; o++) {
        float *row = dw + o * inputs;
        float bias = 0;
        for (size_t r = 0; r < batch; r++) {
            float d = dy[r * outputs + o];
            const float *xr = x + r * inputs;
            __m256 d8 = _mm256_set1_ps(d);
            size_t i = 0;
            for (; i + 8 <= inputs; i += 8)
                _mm256_storeu_ps(row + i, _mm256_fmadd_ps(d8, _mm256_loadu_ps(xr + i), _mm256_loadu_ps(row + i)));
            for (; i < inputs; i++) row[i] = fmaf(d, xr[i], row[i]);
            bias += d;
        }
        db[o] += bias;
    }
}

void ck_narrow_forward(const float *restrict x, size_t batch, size_t inputs, const float *restrict w,
                       const float *restrict b, size_t outputs, float *restrict y) {
    if (ck_uses_avx2()) { narrow_forward_avx2(x, batch, inputs, w, b, outputs, y); return; }
    for (size_t r = 0; r < batch; r++)
        for (size_t o = 0; o < outputs; o++) {
            float sum = 0;
            for (size_t k = 0; k < inputs; k++) sum += x[r * inputs + k] * w[o * inputs + k];
            y[r * outputs + o] = b[o] + sum;
        }
}

void ck_narrow_input_gradient(const float *restrict dy, size_t batch, size_t outputs, const float *restrict w,
                              size_t inputs, float *restrict dx, int accumulate) {
    if (ck_uses_avx2()) { narrow_input_gradient_avx2(dy, batch, outputs, w, inputs, dx, accumulate); return; }
    for (size_t r = 0; r < batch; r++)
        for (size_t i = 0; i < inputs; i++) {
            float acc = accumulate ? dx[r * inputs + i] : 0;
            for (size_t o = 0; o < outputs; o++) acc += dy[r * outputs + o] * w[o * inputs + i];
            dx[r * inputs + i] = acc;
        }
}

void ck_narrow_weight_gradient(const float *restrict dy, const float *restrict x, size_t batch, size_t outputs,
                               size_t inputs, float *restrict dw, float *restrict db) {
    if (ck_uses_avx2()) { narrow_weight_gradient_avx2(dy, x, batch, outputs, inputs, dw, db); return; }
    for (size_t o = 0; o < outputs; o++) {
        float bias = 0;
        for (size_t r = 0; r < batch; r++) {
            float d = dy[r * outputs + o];
            for (size_t i = 0; i < inputs; i++) dw[o * inputs + i] += d * x[r * inputs + i];
            bias += d;
        }
        db[o] += bias;
    }
}
