extension ModelFile {
    /// InvertedPendulum-v4's cart and pole: a motor-driven cart on a rail balancing one hinged pole.
    static let invertedPendulum = ModelFile(name: "inverted_pendulum.xml", xml: #"""
        <!--
          A cart slides along a horizontal rail (joint "slider", driven by the motor "slide") and carries a
          pole on a hinge about the y axis (joint "hinge"), which the agent has to keep upright.
          Numbers from gymnasium 1.4.0's inverted_pendulum.xml (MIT License, Copyright (c) 2016 OpenAI, Copyright (c) 2022 Farama Foundation).
        -->
        <mujoco model="inverted pendulum">
            <compiler inertiafromgeom="true" />
            <option timestep="0.02" integrator="RK4" gravity="0 0 -9.81" />
            <size nstack="3000" />

            <default>
                <joint limited="true" damping="1" armature="0" />
                <geom contype="0" rgba="0.7 0.7 0 1" friction="1 0.1 0.1" />
                <motor ctrlrange="-3 3" />
            </default>

            <worldbody>
                <geom name="rail" type="capsule" size="0.02 1" pos="0 0 0" quat="0.707 0 0.707 0" rgba="0.3 0.3 0.7 1" />
                <body name="cart" pos="0 0 0">
                    <joint name="slider" type="slide" pos="0 0 0" axis="1 0 0" limited="true" range="-1 1" />
                    <geom name="cart" type="capsule" size="0.1 0.1" pos="0 0 0" quat="0.707 0 0.707 0" />
                    <body name="pole" pos="0 0 0">
                        <joint name="hinge" type="hinge" pos="0 0 0" axis="0 1 0" range="-90 90" />
                        <geom name="cpole" type="capsule" size="0.049 0.3" fromto="0 0 0 0.001 0 0.6" rgba="0 0.7 0.7 1" />
                    </body>
                </body>
            </worldbody>

            <actuator>
                <motor name="slide" joint="slider" gear="100" ctrllimited="true" ctrlrange="-3 3" />
            </actuator>
        </mujoco>
        """#)
}
