/* CartPole-v1 (gymnasium's equations and limits) driven by an exported policy: cc cartpole.c policy.c -lm */
#include <math.h>
#include <stdio.h>
#include "policy.h"
int main(void) {
    float s[4] = {0.01f, -0.02f, 0.03f, 0.01f}, action; /* x, x', θ, θ' */
    int steps = 0;
    policy_reset();
    while (steps < 500 && fabsf(s[0]) <= 2.4f && fabsf(s[2]) <= 12 * 2 * 3.14159265f / 360) {
        if (policy_act(s, &action) != 0) return 1;
        float force = action > 0.5f ? 10 : -10, cs = cosf(s[2]), sn = sinf(s[2]);
        float temp = (force + 0.05f * s[3] * s[3] * sn) / 1.1f;
        float alpha = (9.8f * sn - cs * temp) / (0.5f * (4.0f / 3 - 0.1f * cs * cs / 1.1f));
        float accel = temp - 0.05f * alpha * cs / 1.1f;
        s[0] += 0.02f * s[1]; s[1] += 0.02f * accel; s[2] += 0.02f * s[3]; s[3] += 0.02f * alpha;
        steps++;
    }
    printf("return %d\n", steps);
    return 0;
}
