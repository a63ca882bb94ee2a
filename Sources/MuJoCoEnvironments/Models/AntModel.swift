extension ModelFile {
    /// Ant-v4's quadruped: a sphere torso on a free joint with four two-hinge capsule legs.
    static let ant = ModelFile(name: "ant.xml", xml: #"""
        <mujoco model="ant">
          <!--
            Four-legged ant: a free-floating sphere torso carries four legs, each a fixed upper segment,
            a hip hinging about z and an ankle hinging about the horizontal axis across the leg.
            Numbers from gymnasium 1.4.0's ant.xml (MIT License, Copyright (c) 2016 OpenAI, Copyright (c) 2022 Farama Foundation).
          -->
          <compiler angle="degree" coordinate="local" inertiafromgeom="true"/>
          <option timestep="0.01" integrator="RK4"/>

          <custom>
            <numeric name="init_qpos" data="0 0 0.55 1 0 0 0 0 1 0 -1 0 -1 0 1"/>
          </custom>

          <default>
            <joint limited="true" damping="1" armature="1"/>
            <geom condim="3" conaffinity="0" margin="0.01" friction="1 0.5 0.5" density="5" rgba="0.8 0.6 0.4 1"/>
            <motor ctrllimited="true" ctrlrange="-1 1" gear="150"/>
            <default class="leg">
              <joint type="hinge"/>
              <geom type="capsule" size="0.08"/>
              <default class="hip">
                <joint axis="0 0 1" range="-30 30"/>
              </default>
            </default>
          </default>

          <asset>
            <texture type="skybox" builtin="gradient" width="100" height="100" rgb1="1 1 1" rgb2="0 0 0"/>
            <texture name="texgeom" type="cube" builtin="flat" width="127" height="1278"
                     rgb1="0.8 0.6 0.4" rgb2="0.8 0.6 0.4" mark="cross" markrgb="1 1 1" random="0.01"/>
            <texture name="texplane" type="2d" builtin="checker" width="100" height="100"
                     rgb1="0 0 0" rgb2="0.8 0.8 0.8"/>
            <material name="MatPlane" texture="texplane" texrepeat="60 60" specular="1" shininess="1" reflectance="0.5"/>
            <material name="geom" texture="texgeom" texuniform="true"/>
          </asset>

          <worldbody>
            <light directional="true" pos="0 0 1.3" dir="-0 0 -1.3" diffuse="1 1 1" specular="0.1 0.1 0.1"
                   cutoff="100" exponent="1"/>
            <geom name="floor" type="plane" size="40 40 40" material="MatPlane" rgba="0.8 0.9 0.8 1"
                  conaffinity="1" condim="3"/>

            <body name="torso" pos="0 0 0.75">
              <camera name="track" mode="trackcom" pos="0 -3 0.3" xyaxes="1 0 0 0 0 1"/>
              <geom name="torso_geom" type="sphere" size="0.25"/>
              <joint name="root" type="free" limited="false" damping="0" armature="0" margin="0.01"/>

              <body name="front_left_leg" childclass="leg">
                <geom name="aux_1_geom" fromto="0 0 0 0.2 0.2 0"/>
                <body name="aux_1" pos="0.2 0.2 0">
                  <joint name="hip_1" class="hip"/>
                  <geom name="left_leg_geom" fromto="0 0 0 0.2 0.2 0"/>
                  <body pos="0.2 0.2 0">
                    <joint name="ankle_1" axis="-1 1 0" range="30 70"/>
                    <geom name="left_ankle_geom" fromto="0 0 0 0.4 0.4 0"/>
                  </body>
                </body>
              </body>

              <body name="front_right_leg" childclass="leg">
                <geom name="aux_2_geom" fromto="0 0 0 -0.2 0.2 0"/>
                <body name="aux_2" pos="-0.2 0.2 0">
                  <joint name="hip_2" class="hip"/>
                  <geom name="right_leg_geom" fromto="0 0 0 -0.2 0.2 0"/>
                  <body pos="-0.2 0.2 0">
                    <joint name="ankle_2" axis="1 1 0" range="-70 -30"/>
                    <geom name="right_ankle_geom" fromto="0 0 0 -0.4 0.4 0"/>
                  </body>
                </body>
              </body>

              <body name="back_leg" childclass="leg">
                <geom name="aux_3_geom" fromto="0 0 0 -0.2 -0.2 0"/>
                <body name="aux_3" pos="-0.2 -0.2 0">
                  <joint name="hip_3" class="hip"/>
                  <geom name="back_leg_geom" fromto="0 0 0 -0.2 -0.2 0"/>
                  <body pos="-0.2 -0.2 0">
                    <joint name="ankle_3" axis="-1 1 0" range="-70 -30"/>
                    <geom name="third_ankle_geom" fromto="0 0 0 -0.4 -0.4 0"/>
                  </body>
                </body>
              </body>

              <body name="right_back_leg" childclass="leg">
                <geom name="aux_4_geom" fromto="0 0 0 0.2 -0.2 0"/>
                <body name="aux_4" pos="0.2 -0.2 0">
                  <joint name="hip_4" class="hip"/>
                  <geom name="rightback_leg_geom" fromto="0 0 0 0.2 -0.2 0"/>
                  <body pos="0.2 -0.2 0">
                    <joint name="ankle_4" axis="1 1 0" range="30 70"/>
                    <geom name="fourth_ankle_geom" fromto="0 0 0 0.4 -0.4 0"/>
                  </body>
                </body>
              </body>
            </body>
          </worldbody>

          <actuator>
            <motor joint="hip_4"/>
            <motor joint="ankle_4"/>
            <motor joint="hip_1"/>
            <motor joint="ankle_1"/>
            <motor joint="hip_2"/>
            <motor joint="ankle_2"/>
            <motor joint="hip_3"/>
            <motor joint="ankle_3"/>
          </actuator>
        </mujoco>
        """#)
}
