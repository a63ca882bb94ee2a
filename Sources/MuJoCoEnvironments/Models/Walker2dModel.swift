extension ModelFile {
    /// Walker2d-v4's two-legged planar robot: a capsule torso on two thigh-leg-foot legs, driven by six hinge motors.
    static let walker2d = ModelFile(name: "walker2d.xml", xml: #"""
        <mujoco model="walker2d">
          <!--
            Walker2d: a torso that slides in x and z and pitches about y, with a right and a left leg of three
            hinged capsules each (thigh, leg, foot); every hinge is driven by a motor of gear 100.
            Numbers from gymnasium 1.4.0's walker2d.xml (MIT License, Copyright (c) 2016 OpenAI, Copyright (c) 2022 Farama Foundation).
          -->
          <compiler angle="degree" inertiafromgeom="true"/>
          <option timestep="0.002" integrator="RK4"/>

          <asset>
            <texture type="skybox" builtin="gradient" width="100" height="100" rgb1=".4 .5 .6" rgb2="0 0 0"/>
            <texture name="texgeom" type="cube" builtin="flat" mark="cross" width="127" height="1278"
                     rgb1="0.8 0.6 0.4" rgb2="0.8 0.6 0.4" markrgb="1 1 1" random="0.01"/>
            <texture name="texplane" type="2d" builtin="checker" width="100" height="100" rgb1="0 0 0" rgb2="0.8 0.8 0.8"/>
            <material name="MatPlane" texture="texplane" texrepeat="60 60" specular="1" shininess="1" reflectance="0.5"/>
            <material name="geom" texture="texgeom" texuniform="true"/>
          </asset>

          <default>
            <joint type="hinge" axis="0 -1 0" limited="true" armature="0.01" damping=".1"/>
            <geom type="capsule" friction="0.9 .1 .1" density="1000" contype="1" conaffinity="0" condim="3"
                  rgba="0.8 0.6 0.4 1"/>
            <motor ctrllimited="true" ctrlrange="-1 1" gear="100"/>
            <default class="root">
              <joint limited="false" armature="0" damping="0" stiffness="0"/>
            </default>
            <default class="left">
              <geom rgba=".7 .3 .6 1"/>
            </default>
          </default>

          <worldbody>
            <light directional="true" pos="0 0 1.3" dir="-0 0 -1.3" diffuse="1 1 1" specular=".1 .1 .1" cutoff="100" exponent="1"/>
            <geom name="floor" type="plane" size="40 40 40" friction=".7" conaffinity="1" material="MatPlane" rgba="0.8 0.9 0.8 1"/>
            <body name="torso" pos="0 0 1.25">
              <camera name="track" mode="trackcom" pos="0 -3 -0.25" xyaxes="1 0 0 0 0 1"/>
              <joint name="rootx" class="root" type="slide" axis="1 0 0" pos="0 0 -1.25"/>
              <joint name="rootz" class="root" type="slide" axis="0 0 1" pos="0 0 -1.25" ref="1.25"/>
              <joint name="rooty" class="root" axis="0 1 0"/>
              <geom name="torso_geom" size="0.05 0.19999999999999996"/>

              <body name="thigh" pos="0 0 -0.19999999999999996">
                <joint name="thigh_joint" range="-150 0"/>
                <geom name="thigh_geom" pos="0 0 -0.2250000000000001" size="0.05 0.22500000000000003"/>
                <body name="leg" pos="0 0 -0.7000000000000001">
                  <joint name="leg_joint" pos="0 0 0.25" range="-150 0"/>
                  <geom name="leg_geom" size="0.04 0.25"/>
                  <body name="foot" pos="0.2 0 -0.35">
                    <joint name="foot_joint" pos="-0.2 0 0.1" range="-45 45"/>
                    <geom name="foot_geom" pos="-0.1 0 0.1" quat="0.7071067811865476 0 -0.7071067811865475 0" size="0.06 0.1"/>
                  </body>
                </body>
              </body>

              <body name="thigh_left" childclass="left" pos="0 0 -0.19999999999999996">
                <joint name="thigh_left_joint" range="-150 0"/>
                <geom name="thigh_left_geom" pos="0 0 -0.2250000000000001" size="0.05 0.22500000000000003"/>
                <body name="leg_left" pos="0 0 -0.7000000000000001">
                  <joint name="leg_left_joint" pos="0 0 0.25" range="-150 0"/>
                  <geom name="leg_left_geom" size="0.04 0.25"/>
                  <body name="foot_left" pos="0.2 0 -0.35">
                    <joint name="foot_left_joint" pos="-0.2 0 0.1" range="-45 45"/>
                    <geom name="foot_left_geom" pos="-0.1 0 0.1" quat="0.7071067811865476 0 -0.7071067811865475 0" size="0.06 0.1"
                          friction="1.9"/>
                  </body>
                </body>
              </body>
            </body>
          </worldbody>

          <actuator>
            <motor joint="thigh_joint"/>
            <motor joint="leg_joint"/>
            <motor joint="foot_joint"/>
            <motor joint="thigh_left_joint"/>
            <motor joint="leg_left_joint"/>
            <motor joint="foot_left_joint"/>
          </actuator>
        </mujoco>
        """#)
}
