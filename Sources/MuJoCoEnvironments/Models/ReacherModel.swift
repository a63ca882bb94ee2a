extension ModelFile {
    /// Reacher-v4's two-link arm and target: a planar arm on two hinges reaches for a target that slides in x and y.
    static let reacher = ModelFile(name: "reacher.xml", xml: #"""
        <mujoco model="reacher">
          <!--
            Planar two-link arm (a free hinge at the shoulder, a limited hinge at the elbow, both motor-driven)
            inside a walled square, plus a target sphere placed by two unactuated slide joints.
            Numbers from gymnasium 1.4.0's reacher.xml (MIT License, Copyright (c) 2016 OpenAI, Copyright (c) 2022 Farama Foundation).
          -->
          <compiler inertiafromgeom="true" angle="radian"/>
          <option timestep="0.01" integrator="RK4" gravity="0 0 -9.81"/>

          <default>
            <joint limited="true" damping="1" armature="1"/>
            <geom contype="0" rgba="0.7 0.7 0 1" friction="1 0.1 0.1"/>
            <default class="wall">
              <geom type="capsule" size="0.02" conaffinity="0" rgba="0.9 0.4 0.6 1"/>
            </default>
            <default class="link">
              <geom type="capsule" size="0.01" fromto="0 0 0 0.1 0 0" rgba="0 0.4 0.6 1"/>
            </default>
            <default class="target_slide">
              <joint type="slide" range="-0.27 0.27" limited="true" damping="0" armature="0" stiffness="0"/>
            </default>
          </default>

          <worldbody>
            <geom name="ground" type="plane" size="1 1 10" pos="0 0 0" contype="0" conaffinity="0" rgba="0.9 0.9 0.9 1"/>
            <geom name="sideS" class="wall" fromto="-0.3 -0.3 0.01  0.3 -0.3 0.01"/>
            <geom name="sideE" class="wall" fromto=" 0.3 -0.3 0.01  0.3  0.3 0.01"/>
            <geom name="sideN" class="wall" fromto="-0.3  0.3 0.01  0.3  0.3 0.01"/>
            <geom name="sideW" class="wall" fromto="-0.3 -0.3 0.01 -0.3  0.3 0.01"/>
            <geom name="root" type="cylinder" size="0.011" fromto="0 0 0 0 0 0.02" contype="0" conaffinity="0" rgba="0.9 0.4 0.6 1"/>

            <body name="body0" pos="0 0 0.01">
              <geom name="link0" class="link"/>
              <joint name="joint0" type="hinge" axis="0 0 1" pos="0 0 0" limited="false"/>
              <body name="body1" pos="0.1 0 0">
                <joint name="joint1" type="hinge" axis="0 0 1" pos="0 0 0" limited="true" range="-3 3"/>
                <geom name="link1" class="link"/>
                <body name="fingertip" pos="0.11 0 0">
                  <geom name="fingertip" type="sphere" size="0.01" pos="0 0 0" contype="0" rgba="0 0.8 0.6 1"/>
                </body>
              </body>
            </body>

            <body name="target" pos="0.1 -0.1 0.01">
              <joint name="target_x" class="target_slide" axis="1 0 0" pos="0 0 0" ref="0.1"/>
              <joint name="target_y" class="target_slide" axis="0 1 0" pos="0 0 0" ref="-0.1"/>
              <geom name="target" type="sphere" size="0.009" pos="0 0 0" contype="0" conaffinity="0" rgba="0.9 0.2 0.2 1"/>
            </body>
          </worldbody>

          <actuator>
            <motor joint="joint0" gear="200" ctrllimited="true" ctrlrange="-1 1"/>
            <motor joint="joint1" gear="200" ctrllimited="true" ctrlrange="-1 1"/>
          </actuator>
        </mujoco>
        """#)
}
