extension ModelFile {
    /// Swimmer-v4's three-segment swimmer: a capsule chain that moves through a viscous, dense medium.
    static let swimmer = ModelFile(name: "swimmer.xml", xml: #"""
        <mujoco model="swimmer">
          <!--
            Three capsules joined by two motor-driven hinges; the front segment slides in x and y and turns
            about z, and the fluid's density and viscosity make undulation produce thrust.
            Numbers from gymnasium 1.4.0's swimmer.xml (MIT License, Copyright (c) 2016 OpenAI, Copyright (c) 2022 Farama Foundation).
          -->
          <compiler inertiafromgeom="true" angle="degree"/>
          <option timestep="0.01" integrator="RK4" density="4000" viscosity="0.1"/>

          <default>
            <joint armature="0.1"/>
            <geom contype="0" conaffinity="0" condim="1" material="geom" rgba="0.8 0.6 0.4 1"/>
            <default class="segment">
              <geom type="capsule" size="0.1" density="1000"/>
            </default>
            <default class="motor_hinge">
              <joint type="hinge" axis="0 0 1" pos="0 0 0" limited="true" range="-100 100"/>
            </default>
          </default>

          <asset>
            <texture type="skybox" builtin="gradient" width="100" height="100" rgb1="1 1 1" rgb2="0 0 0"/>
            <texture name="texgeom" type="cube" builtin="flat" width="127" height="1278"
                     rgb1="0.8 0.6 0.4" rgb2="0.8 0.6 0.4" mark="cross" markrgb="1 1 1" random="0.01"/>
            <texture name="texplane" type="2d" builtin="checker" width="100" height="100" rgb1="0 0 0" rgb2="0.8 0.8 0.8"/>
            <material name="MatPlane" texture="texplane" texrepeat="30 30" reflectance="0.5" shininess="1" specular="1"/>
            <material name="geom" texture="texgeom" texuniform="true"/>
          </asset>

          <worldbody>
            <light directional="true" pos="0 0 1.3" dir="-0 0 -1.3" diffuse="1 1 1" specular="0.1 0.1 0.1" cutoff="100" exponent="1"/>
            <geom name="floor" type="plane" size="40 40 0.1" pos="0 0 -0.1" condim="3" material="MatPlane" rgba="0.8 0.9 0.8 1"/>

            <body name="torso" pos="0 0 0">
              <camera name="track" mode="trackcom" pos="0 -3 3" xyaxes="1 0 0 0 1 1"/>
              <geom class="segment" fromto="1.5 0 0 0.5 0 0"/>
              <joint name="slider1" type="slide" axis="1 0 0" pos="0 0 0"/>
              <joint name="slider2" type="slide" axis="0 1 0" pos="0 0 0"/>
              <joint name="free_body_rot" type="hinge" axis="0 0 1" pos="0 0 0"/>
              <body name="mid" pos="0.5 0 0">
                <geom class="segment" fromto="0 0 0 -1 0 0"/>
                <joint name="motor1_rot" class="motor_hinge"/>
                <body name="back" pos="-1 0 0">
                  <geom class="segment" fromto="0 0 0 -1 0 0"/>
                  <joint name="motor2_rot" class="motor_hinge"/>
                </body>
              </body>
            </body>
          </worldbody>

          <actuator>
            <motor joint="motor1_rot" gear="150" ctrllimited="true" ctrlrange="-1 1"/>
            <motor joint="motor2_rot" gear="150" ctrllimited="true" ctrlrange="-1 1"/>
          </actuator>
        </mujoco>
        """#)
}
