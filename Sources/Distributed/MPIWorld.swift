import CMPI
import Foundation

/// This process's place in the MPI job (`MPI_COMM_WORLD`) and the few MPI calls the runner makes.
///
/// Concurrency: MPI is initialised at `MPI_THREAD_FUNNELED`, so every call must come from the
/// thread that created the world (the runner's main loop); worker threads never touch MPI.
/// Errors are returned, not fatal (`MPI_ERRORS_RETURN`), and thrown as `DistributedError.mpi`.
final class MPIWorld {
    let rank: Int
    let size: Int
    /// The host name MPI reports for this process.
    let processorName: String
    private var finalized = false

    /// Initialises MPI; throws when this process was not started by an MPI launcher.
    init() throws(DistributedError) {
        let environment = ProcessInfo.processInfo.environment
        let launched = ["OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"].contains { environment[$0] != nil }
        guard launched else { throw .notLaunched }
        // A sync's messages (4 KB for CartPole's network, 39 KB for LunarLander's) go through shared memory
        // eagerly, in one step; above Open MPI's default of 4 KB each would be a rendezvous that waits for both
        // ranks to poll several times. Read by MPI_Init; a value the user set wins.
        setenv("OMPI_MCA_btl_vader_eager_limit", "65536", 0)
        setenv("OMPI_MCA_btl_vader_max_send_size", "65536", 0)
        var provided: Int32 = 0
        let initialised = MPI_Init_thread(nil, nil, cmpi_thread_funneled(), &provided)
        guard initialised == cmpi_success() else { throw .mpi(call: "MPI_Init_thread", message: "error \(initialised)") }
        guard provided >= cmpi_thread_funneled() else {
            throw .mpi(call: "MPI_Init_thread", message: "this MPI offers thread level \(provided), the runner needs MPI_THREAD_FUNNELED")
        }
        MPI_Comm_set_errhandler(cmpi_comm_world(), cmpi_errors_return())
        var r: Int32 = 0, n: Int32 = 0
        MPI_Comm_rank(cmpi_comm_world(), &r)
        MPI_Comm_size(cmpi_comm_world(), &n)
        rank = Int(r)
        size = Int(n)
        var name = [CChar](repeating: 0, count: Int(cmpi_max_processor_name()) + 1)
        var length: Int32 = 0
        MPI_Get_processor_name(&name, &length)
        processorName = String(decoding: name.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Ends MPI cleanly; every rank calls it once at the end of a run.
    func finalize() {
        guard !finalized else { return }
        finalized = true
        MPI_Finalize()
    }

    /// Ends every rank of the job at once (a lost rank: a clean finalize could wait for it forever).
    func abort(code: Int32) -> Never {
        MPI_Abort(cmpi_comm_world(), code)
        exit(code)
    }

    /// Throws `DistributedError.mpi` naming `call` when `code` is not `MPI_SUCCESS`.
    func check(_ code: Int32, _ call: String) throws(DistributedError) {
        guard code != cmpi_success() else { return }
        var text = [CChar](repeating: 0, count: 512)
        var length: Int32 = 0
        MPI_Error_string(code, &text, &length)
        throw .mpi(call: call, message: String(decoding: text.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// Rank 0 collects `slot` bytes from every rank (rank order); other ranks get an empty array.
    func gather(_ bytes: [UInt8], slot: Int) throws(DistributedError) -> [[UInt8]] {
        precondition(bytes.count <= slot, "a gathered message is larger than its slot")
        var send = bytes + [UInt8](repeating: 0, count: slot - bytes.count)
        var receive = [UInt8](repeating: 0, count: rank == 0 ? slot * size : 1)
        try check(MPI_Gather(&send, Int32(slot), cmpi_byte(), &receive, Int32(slot), cmpi_byte(), 0, cmpi_comm_world()),
                  "MPI_Gather")
        guard rank == 0 else { return [] }
        return (0..<size).map { Array(receive[($0 * slot)..<(($0 + 1) * slot)]) }
    }

    /// Rank 0's `slot` bytes, delivered to every rank.
    func broadcast(_ bytes: [UInt8], slot: Int) throws(DistributedError) -> [UInt8] {
        precondition(bytes.count <= slot, "a broadcast message is larger than its slot")
        var buffer = bytes + [UInt8](repeating: 0, count: slot - bytes.count)
        try check(MPI_Bcast(&buffer, Int32(slot), cmpi_byte(), 0, cmpi_comm_world()), "MPI_Bcast")
        return buffer
    }

    /// The source and byte length of a message with `tag` that has arrived, from any rank, if one has.
    func probe(tag: Int32) throws(DistributedError) -> (source: Int, count: Int)? {
        var flag: Int32 = 0
        var status = MPI_Status()
        try check(MPI_Iprobe(cmpi_any_source(), tag, cmpi_comm_world(), &flag, &status), "MPI_Iprobe")
        guard flag != 0 else { return nil }
        var count: Int32 = 0
        MPI_Get_count(&status, cmpi_byte(), &count)
        return (Int(status.MPI_SOURCE), Int(count))
    }

    /// Receives the message `probe` announced into `buffer` (which must hold `count` bytes).
    func receive(into buffer: UnsafeMutableRawPointer, count: Int, from source: Int, tag: Int32) throws(DistributedError) {
        try check(MPI_Recv(buffer, Int32(count), cmpi_byte(), Int32(source), tag, cmpi_comm_world(), cmpi_status_ignore()),
                  "MPI_Recv")
    }

    /// Starts sending `count` bytes; the buffer must stay untouched until `test` says the request is done.
    func startSend(_ buffer: UnsafeRawPointer, count: Int, to destination: Int, tag: Int32,
                   request: inout MPI_Request?) throws(DistributedError) {
        try check(MPI_Isend(buffer, Int32(count), cmpi_byte(), Int32(destination), tag, cmpi_comm_world(), &request),
                  "MPI_Isend")
    }

    /// Starts receiving up to `capacity` bytes into `buffer`.
    func startReceive(into buffer: UnsafeMutableRawPointer, capacity: Int, from source: Int, tag: Int32,
                      request: inout MPI_Request?) throws(DistributedError) {
        try check(MPI_Irecv(buffer, Int32(capacity), cmpi_byte(), Int32(source), tag, cmpi_comm_world(), &request),
                  "MPI_Irecv")
    }

    /// True once `request` has completed (a null request counts as complete); never blocks.
    func test(_ request: inout MPI_Request?) throws(DistributedError) -> Bool {
        if request == cmpi_request_null() { return true }
        var flag: Int32 = 0
        try check(MPI_Test(&request, &flag, cmpi_status_ignore()), "MPI_Test")
        return flag != 0
    }

    /// The request value that stands for "nothing under way".
    static var nullRequest: MPI_Request? { cmpi_request_null() }
}
