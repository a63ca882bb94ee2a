extension ModelFile {
    /// HalfCheetah-v4's planar cheetah: a capsule torso on a slide-slide-hinge root with two three-hinge legs.
    static let halfCheetah = ModelFile(name: "half_cheetah.xml", xml: #"""
        <mujoco model="cheetah">
          <!--
            Planar cheetah running along x: the torso moves on two slides and a hinge about y, and each
            leg is a thigh, shin and foot hinged about y, every leg joint a stiff damped spring with a motor.
            Numbers from gymnasium 1.4.0's half_cheetah.xml (MIT License, Copyright (c) 2016 OpenAI, Copyright (c) 2022 Farama Foundation).
          -->
          <compiler angle="radian" coordinate="local" inertiafromgeom="true" settotalmass="14"/>
          <option timestep="0.01" gravity="0 0 -9.81"/>
          <size nstack="300000" nuser_geom="1"/>

          <default>
            <joint limited="true" stiffness="8" damping="0.01" armature="0.1"
                   solreflimit="0.02 1" solimplimit="0 0.8 0.03"/>
            <geom contype="1" conaffinity="0" condim="3" friction="0.4 0.1 0.1"
                  solref="0.02 1" solimp="0 0.8 0.01" rgba="0.8 0.6 0.4 1"/>
            <motor ctrllimited="true" ctrlrange="-1 1"/>
            <default class="root">
              <joint limited="false" stiffness="0" damping="0" armature="0"/>
            </default>
            <default class="leg">
              <joint type="hinge" axis="0 1 0"/>
              <geom type="capsule"/>
              <default class="lower">
                <geom rgba="0.9 0.6 0.6 1"/>
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

            <body name="torso" pos="0 0 0.7">
              <camera name="track" mode="trackcom" pos="0 -3 0.3" xyaxes="1 0 0 0 0 1"/>
              <joint name="rootx" class="root" type="slide" axis="1 0 0"/>
              <joint name="rootz" class="root" type="slide" axis="0 0 1"/>
              <joint name="rooty" class="root" type="hinge" axis="0 1 0"/>
              <geom name="torso" type="capsule" size="0.046" fromto="-0.5 0 0 0.5 0 0"/>
              <geom name="head" type="capsule" size="0.046 0.15" pos="0.6 0 0.1" axisangle="0 1 0 0.87"/>

              <body name="bthigh" childclass="leg" pos="-0.5 0 0">
                <joint name="bthigh" range="-0.52 1.05" stiffness="240" damping="6"/>
                <geom name="bthigh" size="0.046 0.145" pos="0.1 0 -0.13" axisangle="0 1 0 -3.8"/>
                <body name="bshin" pos="0.16 0 -0.25">
                  <joint name="bshin" range="-0.785 0.785" stiffness="180" damping="4.5"/>
                  <geom name="bshin" class="lower" size="0.046 0.15" pos="-0.14 0 -0.07" axisangle="0 1 0 -2.03"/>
                  <body name="bfoot" pos="-0.28 0 -0.14">
                    <joint name="bfoot" range="-0.4 0.785" stiffness="120" damping="3"/>
                    <geom name="bfoot" class="lower" size="0.046 0.094" pos="0.03 0 -0.097" axisangle="0 1 0 -0.27"/>
                  </body>
                </body>
              </body>

              <body name="fthigh" childclass="leg" pos="0.5 0 0">
                <joint name="fthigh" range="-1 0.7" stiffness="180" damping="4.5"/>
                <geom name="fthigh" size="0.046 0.133" pos="-0.07 0 -0.12" axisangle="0 1 0 0.52"/>
                <body name="fshin" pos="-0.14 0 -0.24">
                  <joint name="fshin" range="-1.2 0.87" stiffness="120" damping="3"/>
                  <geom name="fshin" class="lower" size="0.046 0.106" pos="0.065 0 -0.09" axisangle="0 1 0 -0.6"/>
                  <body name="ffoot" pos="0.13 0 -0.18">
                    <joint name="ffoot" range="-0.5 0.5" stiffness="60" damping="1.5"/>
                    <geom name="ffoot" class="lower" size="0.046 0.07" pos="0.045 0 -0.07" axisangle="0 1 0 -0.6"/>
                  </body>
                </body>
              </body>
            </body>
          </worldbody>

          <actuator>
            <motor name="bthigh" joint="bthigh" gear="120"/>
            <motor name="bshin" joint="bshin" gear="90"/>
            <motor name="bfoot" joint="bfoot" gear="60"/>
            <motor name="fthigh" joint="fthigh" gear="120"/>
            <motor name="fshin" joint="fshin" gear="60"/>
            <motor name="ffoot" joint="ffoot" gear="30"/>
          </actuator>
        </mujoco>
        """#)
}
