// The C interface of CBox2D.h over Box2D 2.4's C++ API.
#include "CBox2D.h"

#include <box2d/box2d.h>

#include <initializer_list>

namespace {

/// Records contact begin/end per slot; a body's slot is stored in its user data as slot + 1.
class ContactRecorder final : public b2ContactListener {
public:
    bool began[CB2_CONTACT_SLOTS] = {};
    bool flag[CB2_CONTACT_SLOTS] = {};

    void BeginContact(b2Contact *contact) override {
        for (b2Body *body : {contact->GetFixtureA()->GetBody(), contact->GetFixtureB()->GetBody()}) {
            if (uintptr_t tag = body->GetUserData().pointer) {
                began[tag - 1] = true;
                flag[tag - 1] = true;
            }
        }
    }

    void EndContact(b2Contact *contact) override {
        for (b2Body *body : {contact->GetFixtureA()->GetBody(), contact->GetFixtureB()->GetBody()}) {
            if (uintptr_t tag = body->GetUserData().pointer) {
                flag[tag - 1] = false;
            }
        }
    }
};

/// Keeps the nearest hit among fixtures in the wanted categories: returning the hit's fraction
/// clips the ray there, returning -1 makes Box2D ignore the fixture.
class ClosestHit final : public b2RayCastCallback {
public:
    explicit ClosestHit(uint16_t mask) : mask(mask) {}
    float fraction = 1;

    float ReportFixture(b2Fixture *fixture, const b2Vec2 &, const b2Vec2 &, float hit) override {
        if ((fixture->GetFilterData().categoryBits & mask) == 0) return -1;
        fraction = hit;
        return hit;
    }

private:
    uint16_t mask;
};

b2Vec2 vec(CB2Vec2 v) { return b2Vec2(v.x, v.y); }

b2Body *body(CB2Body *b) { return reinterpret_cast<b2Body *>(b); }
const b2Body *body(const CB2Body *b) { return reinterpret_cast<const b2Body *>(b); }
CB2Body *handle(b2Body *b) { return reinterpret_cast<CB2Body *>(b); }
b2RevoluteJoint *joint(CB2Joint *j) { return reinterpret_cast<b2RevoluteJoint *>(j); }
const b2RevoluteJoint *joint(const CB2Joint *j) { return reinterpret_cast<const b2RevoluteJoint *>(j); }

void addFixture(b2Body *b, const b2Shape *shape, CB2Material m) {
    b2FixtureDef def;
    def.shape = shape;
    def.density = m.density;
    def.friction = m.friction;
    def.restitution = m.restitution;
    def.filter.categoryBits = m.categoryBits;
    def.filter.maskBits = m.maskBits;
    b->CreateFixture(&def);
}

}  // namespace

struct CB2World {
    b2World world;
    ContactRecorder recorder;

    explicit CB2World(b2Vec2 gravity) : world(gravity) { world.SetContactListener(&recorder); }
};

extern "C" {

CB2World *cb2_world_create(float gx, float gy) { return new CB2World(b2Vec2(gx, gy)); }

void cb2_world_destroy(CB2World *world) { delete world; }

void cb2_world_step(CB2World *world, float dt, int32_t velocityIterations, int32_t positionIterations) {
    world->world.Step(dt, velocityIterations, positionIterations);
}

CB2Body *cb2_world_create_static_body(CB2World *world, CB2Vec2 position) {
    b2BodyDef def;
    def.type = b2_staticBody;
    def.position = vec(position);
    return handle(world->world.CreateBody(&def));
}

CB2Body *cb2_world_create_dynamic_body(CB2World *world, CB2Vec2 position, float angle) {
    b2BodyDef def;
    def.type = b2_dynamicBody;
    def.position = vec(position);
    def.angle = angle;
    return handle(world->world.CreateBody(&def));
}

void cb2_body_add_edge(CB2Body *b, CB2Vec2 a, CB2Vec2 e, CB2Material material) {
    b2EdgeShape shape;
    shape.SetTwoSided(vec(a), vec(e));
    addFixture(body(b), &shape, material);
}

void cb2_body_add_polygon(CB2Body *b, const CB2Vec2 *vertices, int32_t count, CB2Material material) {
    b2Vec2 points[b2_maxPolygonVertices];
    for (int32_t i = 0; i < count && i < b2_maxPolygonVertices; ++i) points[i] = vec(vertices[i]);
    b2PolygonShape shape;
    shape.Set(points, count < b2_maxPolygonVertices ? count : b2_maxPolygonVertices);
    addFixture(body(b), &shape, material);
}

void cb2_body_add_box(CB2Body *b, float halfWidth, float halfHeight, CB2Material material) {
    b2PolygonShape shape;
    shape.SetAsBox(halfWidth, halfHeight);
    addFixture(body(b), &shape, material);
}

CB2Joint *cb2_world_create_revolute_joint(CB2World *world, CB2Body *a, CB2Body *b,
                                          CB2Vec2 localAnchorA, CB2Vec2 localAnchorB, float referenceAngle,
                                          float lowerAngle, float upperAngle,
                                          float motorSpeed, float maxMotorTorque) {
    b2RevoluteJointDef def;
    def.bodyA = body(a);
    def.bodyB = body(b);
    def.localAnchorA = vec(localAnchorA);
    def.localAnchorB = vec(localAnchorB);
    def.referenceAngle = referenceAngle;
    def.enableLimit = true;
    def.lowerAngle = lowerAngle;
    def.upperAngle = upperAngle;
    def.enableMotor = true;
    def.motorSpeed = motorSpeed;
    def.maxMotorTorque = maxMotorTorque;
    return reinterpret_cast<CB2Joint *>(static_cast<b2RevoluteJoint *>(world->world.CreateJoint(&def)));
}

void cb2_joint_set_motor(CB2Joint *j, float motorSpeed, float maxMotorTorque) {
    b2RevoluteJoint *x = joint(j);
    x->SetMotorSpeed(motorSpeed);
    x->SetMaxMotorTorque(maxMotorTorque);
    x->GetBodyA()->SetAwake(true);
    x->GetBodyB()->SetAwake(true);
}

CB2JointState cb2_joint_state(const CB2Joint *j) {
    return CB2JointState{joint(j)->GetJointAngle(), joint(j)->GetJointSpeed()};
}

float cb2_world_ray_cast(const CB2World *world, CB2Vec2 p1, CB2Vec2 p2, uint16_t categoryMask) {
    ClosestHit callback(categoryMask);
    world->world.RayCast(&callback, vec(p1), vec(p2));
    return callback.fraction;
}

void cb2_body_track_contacts(CB2Body *b, int32_t slot) {
    body(b)->GetUserData().pointer = static_cast<uintptr_t>(slot) + 1;
}

bool cb2_world_contact_began(const CB2World *world, int32_t slot) { return world->recorder.began[slot]; }

bool cb2_world_contact_flag(const CB2World *world, int32_t slot) { return world->recorder.flag[slot]; }

void cb2_world_set_contact_records(CB2World *world, int32_t slot, bool began, bool flag) {
    world->recorder.began[slot] = began;
    world->recorder.flag[slot] = flag;
}

CB2BodyState cb2_body_state(const CB2Body *b) {
    const b2Body *x = body(b);
    const b2Vec2 &p = x->GetPosition();
    const b2Vec2 &v = x->GetLinearVelocity();
    return CB2BodyState{{p.x, p.y}, x->GetAngle(), {v.x, v.y}, x->GetAngularVelocity(), x->IsAwake()};
}

void cb2_body_set_state(CB2Body *b, CB2Vec2 position, float angle, CB2Vec2 linearVelocity, float angularVelocity) {
    b2Body *x = body(b);
    x->SetTransform(vec(position), angle);
    x->SetLinearVelocity(vec(linearVelocity));
    x->SetAngularVelocity(angularVelocity);
    x->SetAwake(true);
}

CB2Vec2 cb2_body_velocity_at(const CB2Body *b, CB2Vec2 point) {
    b2Vec2 v = body(b)->GetLinearVelocityFromWorldPoint(vec(point));
    return CB2Vec2{v.x, v.y};
}

void cb2_body_apply_force_to_center(CB2Body *b, CB2Vec2 force) { body(b)->ApplyForceToCenter(vec(force), true); }

void cb2_body_apply_torque(CB2Body *b, float torque) { body(b)->ApplyTorque(torque, true); }

void cb2_body_apply_linear_impulse(CB2Body *b, CB2Vec2 impulse, CB2Vec2 point) {
    body(b)->ApplyLinearImpulse(vec(impulse), vec(point), true);
}

}  // extern "C"
