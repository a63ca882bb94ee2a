extension ModelFile {
    /// InvertedDoublePendulum-v4's cart and two poles: a motor-driven cart balancing a two-link hinged chain.
    static let invertedDoublePendulum = ModelFile(name: "inverted_double_pendulum.xml", xml: #"""
        <!--
          A cart on a rail (joint "slider", motor "slide") carries two poles chained by hinges about the y axis
          ("hinge", then "hinge2"); the site "tip" marks the free end of the upper pole.
          Numbers from gymnasium 1.4.0's inverted_double_pendulum.xml (MIT License, Copyright (c) 2016 OpenAI, Copyright (c) 2022 Farama Foundation).
        -->
        <mujoco model="cartpole">
            <compiler inertiafromgeom="true" />
            <option timestep="0.01" integrator="RK4" gravity="1e-5 0 -9.81" />
            <size nstack="3000" />
            <custom>
                <numeric name="frame_skip" data="2" />
            </custom>

            <default>
                <joint damping="0.05" />
                <geom contype="0" rgba="0.7 0.7 0 1" friction="1 0.1 0.1" />
                <default class="pole">
                    <joint type="hinge" pos="0 0 0" axis="0 1 0" />
                    <geom type="capsule" size="0.045 0.3" fromto="0 0 0 0 0 0.6" rgba="0 0.7 0.7 1" />
                </default>
            </default>

            <worldbody>
                <geom name="floor" type="plane" size="40 40 40" pos="0 0 -3.0" rgba="0.8 0.9 0.8 1" />
                <geom name="rail" type="capsule" size="0.02 1" pos="0 0 0" quat="0.707 0 0.707 0" rgba="0.3 0.3 0.7 1" />
                <body name="cart" pos="0 0 0">
                    <joint name="slider" type="slide" pos="0 0 0" axis="1 0 0" limited="true" range="-1 1" margin="0.01" />
                    <geom name="cart" type="capsule" size="0.1 0.1" pos="0 0 0" quat="0.707 0 0.707 0" />
                    <body name="pole" pos="0 0 0" childclass="pole">
                        <joint name="hinge" />
                        <geom name="cpole" />
                        <body name="pole2" pos="0 0 0.6">
                            <joint name="hinge2" />
                            <geom name="cpole2" />
                            <site name="tip" pos="0 0 0.6" size="0.01 0.01" />
                        </body>
                    </body>
                </body>
            </worldbody>

            <actuator>
                <motor name="slide" joint="slider" gear="500" ctrllimited="true" ctrlrange="-1 1" />
            </actuator>
        </mujoco>
        """#)
}
