/// CBox2D: a small C interface over Box2D 2.4's C++ API, holding only what the LunarLander and
/// BipedalWalker environments need. Plain C: callers need no C++ interoperability.
///
/// Units are Box2D's (metres, radians, seconds, kilograms). A world owns every body and joint
/// created in it; destroying the world frees them all. A world is not thread-safe: use each
/// from one thread at a time.
#ifndef CBOX2D_H
#define CBOX2D_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A Box2D world with a contact recorder (opaque).
typedef struct CB2World CB2World;
/// A body owned by a world (opaque; valid until its world is destroyed).
typedef struct CB2Body CB2Body;
/// A revolute joint owned by a world (opaque; valid until its world is destroyed).
typedef struct CB2Joint CB2Joint;

typedef struct CB2Vec2 {
    float x;
    float y;
} CB2Vec2;

/// Material and collision filter of one fixture (Box2D's `b2FixtureDef` fields).
typedef struct CB2Material {
    float density;
    float friction;
    float restitution;
    uint16_t categoryBits;
    uint16_t maskBits;
} CB2Material;

/// A body's pose and velocities, and whether it is awake.
typedef struct CB2BodyState {
    CB2Vec2 position;
    float angle;
    CB2Vec2 linearVelocity;
    float angularVelocity;
    bool awake;
} CB2BodyState;

/// A revolute joint's angle (body B's angle minus body A's minus the reference angle) and
/// speed (B's angular velocity minus A's).
typedef struct CB2JointState {
    float angle;
    float speed;
} CB2JointState;

/// The number of contact slots a world records (see `cb2_body_track_contacts`).
#define CB2_CONTACT_SLOTS 8

/// A new world with gravity `(gx, gy)` and sleeping allowed. Never NULL (aborts when out of memory).
CB2World *cb2_world_create(float gx, float gy);
/// Frees the world with its bodies and joints. NULL is ignored.
void cb2_world_destroy(CB2World *world);
/// Advances the world by `dt` seconds with the given solver iteration counts; forces are cleared after.
void cb2_world_step(CB2World *world, float dt, int32_t velocityIterations, int32_t positionIterations);

/// A static body at `position`.
CB2Body *cb2_world_create_static_body(CB2World *world, CB2Vec2 position);
/// A dynamic body at `position` rotated by `angle`, awake, with sleeping allowed.
CB2Body *cb2_world_create_dynamic_body(CB2World *world, CB2Vec2 position, float angle);

/// Adds a two-sided edge from `a` to `b` (body coordinates).
void cb2_body_add_edge(CB2Body *body, CB2Vec2 a, CB2Vec2 b, CB2Material material);
/// Adds a convex polygon of 3 to 8 `vertices` (body coordinates, counter-clockwise).
void cb2_body_add_polygon(CB2Body *body, const CB2Vec2 *vertices, int32_t count, CB2Material material);
/// Adds a box centred on the body's origin with half-extents `halfWidth`, `halfHeight`.
void cb2_body_add_box(CB2Body *body, float halfWidth, float halfHeight, CB2Material material);

/// Joins `a` and `b` with a revolute joint whose limits and motor are enabled. Anchors are in
/// each body's coordinates; `referenceAngle` is b's angle minus a's when the joint angle is zero.
CB2Joint *cb2_world_create_revolute_joint(CB2World *world, CB2Body *a, CB2Body *b,
                                          CB2Vec2 localAnchorA, CB2Vec2 localAnchorB, float referenceAngle,
                                          float lowerAngle, float upperAngle,
                                          float motorSpeed, float maxMotorTorque);
/// Sets the joint motor's target speed and the largest torque it may apply, and wakes both
/// bodies (as Box2D 2.3's speed setter always did; 2.4's wakes them only on a change).
void cb2_joint_set_motor(CB2Joint *joint, float motorSpeed, float maxMotorTorque);
/// The joint's angle and speed.
CB2JointState cb2_joint_state(const CB2Joint *joint);

/// Casts a ray from `p1` to `p2` and returns the fraction of the segment at which it first meets a
/// fixture whose category bits share a bit with `categoryMask`, or 1 when it meets none.
float cb2_world_ray_cast(const CB2World *world, CB2Vec2 p1, CB2Vec2 p2, uint16_t categoryMask);

/// Records contacts of `body` in `slot` (0 ..< CB2_CONTACT_SLOTS); a body has at most one slot.
void cb2_body_track_contacts(CB2Body *body, int32_t slot);
/// Whether any contact of the slot's body began since the slot was last set (sticky).
bool cb2_world_contact_began(const CB2World *world, int32_t slot);
/// The slot's touching flag: set when one of its body's contacts begins, cleared when one ends.
bool cb2_world_contact_flag(const CB2World *world, int32_t slot);
/// Sets a slot's two records, e.g. when rebuilding a world that continues another.
void cb2_world_set_contact_records(CB2World *world, int32_t slot, bool began, bool flag);

/// The body's pose, velocities and awake flag.
CB2BodyState cb2_body_state(const CB2Body *body);
/// Moves the body to `position` and `angle`, sets its velocities and wakes it.
void cb2_body_set_state(CB2Body *body, CB2Vec2 position, float angle, CB2Vec2 linearVelocity, float angularVelocity);

/// The velocity of the body's material point at world `point`.
CB2Vec2 cb2_body_velocity_at(const CB2Body *body, CB2Vec2 point);

/// Adds `force` at the centre of mass for the next step, waking the body.
void cb2_body_apply_force_to_center(CB2Body *body, CB2Vec2 force);
/// Adds `torque` for the next step, waking the body.
void cb2_body_apply_torque(CB2Body *body, float torque);
/// Applies `impulse` at world `point` now, waking the body.
void cb2_body_apply_linear_impulse(CB2Body *body, CB2Vec2 impulse, CB2Vec2 point);

#ifdef __cplusplus
}
#endif

#endif
