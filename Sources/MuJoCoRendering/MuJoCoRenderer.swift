import CMuJoCo
import CMuJoCoRender
import Environments
import MuJoCoEnvironments
import Rendering

/// Draws a MuJoCo task as gymnasium 1.4.0's `rgb_array` mode does: MuJoCo's renderer in an offscreen EGL
/// context, 480 × 480, the task's camera (`MuJoCoTask.camera`) on MuJoCo's free camera. One renderer owns
/// one OpenGL context: use it from one thread at a time.
public final class MuJoCoRenderer {
    public let width: Int
    public let height: Int
    private let model: MuJoCoModel
    private let settings: MuJoCoCamera
    private let renderer: OpaquePointer
    /// Aimed when the first picture is drawn, as gymnasium aims it when its viewer is made.
    private var camera: mjvCamera?
    private var rgb: [UInt8]

    /// gymnasium's picture size.
    public static let defaultSize = 480

    /// A renderer for `model`'s tasks seen as `camera` says; throws when no OpenGL context can be made here.
    public init(model: MuJoCoModel, camera: MuJoCoCamera, width: Int = defaultSize, height: Int = defaultSize) throws(RenderingError) {
        var error = [CChar](repeating: 0, count: 400)
        guard let renderer = cmjr_create(model.unsafePointer, Int32(width), Int32(height), &error, Int32(error.count)) else {
            throw .library("cannot draw \(model.name) with MuJoCo's renderer: \(Self.text(error))")
        }
        self.renderer = renderer
        self.model = model
        self.width = width
        self.height = height
        settings = camera
        rgb = [UInt8](repeating: 0, count: width * height * 3)
    }

    deinit { cmjr_destroy(renderer) }

    /// The camera gymnasium would use for `data` as the first state drawn: free, aimed at the median of
    /// the geoms' positions (per axis), from the model's extent; then the task's settings.
    static func aim(_ settings: MuJoCoCamera, model: UnsafePointer<mjModel>, data: UnsafePointer<mjData>) -> mjvCamera {
        var camera = mjvCamera()
        mjv_defaultCamera(&camera)
        camera.type = Int32(mjCAMERA_FREE.rawValue)
        camera.fixedcamid = -1
        let count = Int(model.pointee.ngeom)
        let positions = UnsafeBufferPointer(start: data.pointee.geom_xpos, count: 3 * count)
        let lookat = (0..<3).map { axis in median((0..<count).map { positions[3 * $0 + axis] }) }
        camera.lookat = (lookat[0], lookat[1], lookat[2])
        camera.distance = model.pointee.stat.extent
        if let distance = settings.distance { camera.distance = distance }
        if let lookat = settings.lookat { camera.lookat = (lookat.x, lookat.y, lookat.z) }
        if let elevation = settings.elevation { camera.elevation = elevation }
        if let azimuth = settings.azimuth { camera.azimuth = azimuth }
        return camera
    }

    /// numpy's median: the middle value, or the mean of the two middle ones.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// The picture of the simulation state `data` of this renderer's model.
    public func draw(model: UnsafePointer<mjModel>, data: UnsafeMutablePointer<mjData>) throws(RenderingError) -> Raster {
        if camera == nil { camera = Self.aim(settings, model: model, data: data) }
        var error = [CChar](repeating: 0, count: 400)
        let status = rgb.withUnsafeMutableBufferPointer { rgb in
            cmjr_render(renderer, model, data, &camera!, rgb.baseAddress, &error, Int32(error.count))
        }
        guard status == 0 else { throw .library("MuJoCo's renderer failed on \(self.model.name): \(Self.text(error))") }
        var pixels = [UInt32](repeating: 0, count: width * height)
        for i in pixels.indices {
            pixels[i] = Raster.pack(Color(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]))
        }
        return Raster(width: width, height: height, pixels: pixels)
    }

    /// The picture of `environment`'s current state.
    public func draw<Task: MuJoCoTask>(_ environment: inout MuJoCoEnvironment<Task>) throws(RenderingError) -> Raster {
        try environment.withUnsafeSimulation { (model, data) throws(RenderingError) in try draw(model: model, data: data) }
    }

    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// MuJoCo's tasks draw through `MuJoCoRenderer`, so `Recording` and `a3c render` take them.
extension MuJoCoEnvironment: PaintingEnvironment {
    public func makePainter() throws -> (inout Self) throws -> Raster {
        let renderer = try MuJoCoRenderer(model: model, camera: Task.camera)
        return { environment in try renderer.draw(&environment) }
    }
}
