// iopcare-mpi — `iopcare simulate` and `iopcare experiment` over MPI ranks:
//   mpirun -np N iopcare-mpi simulate [options of iopcare simulate]
//   mpirun -np N iopcare-mpi experiment --file FILE [options of iopcare experiment]
// Rank 0 reads the input and prints; every rank runs replications (see mpi_backend.hpp). The
// output is the same, byte for byte, as the single-process command's for any N. The options
// are the ones of iopcare, but --threads: each rank runs one replication at a time.
#include <string>

#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>

#include <iopcare/version.hpp>

#include "cli.hpp"
#include "mpi_backend.hpp"
#include "run_flags.hpp"

int main(int argc, char** argv) {
    // Rank 0 computes on a second thread while its main thread does every MPI call.
    boost::mpi::environment env(argc, argv, boost::mpi::threading::funneled);
    boost::mpi::communicator world;
    if (world.rank() != 0) {
        iopcare::mpi::serve(world);
        return 0;
    }
    using namespace iopcare::cli;
    CLI::App app{"iopcare-mpi: iopcare simulate and experiment over MPI ranks (run under mpirun)"};
    app.name("iopcare-mpi");
    app.set_version_flag("--version", std::string("iopcare-mpi ") + iopcare::library_version_string());
    app.require_subcommand(1);
    app.fallthrough(false);
    run_backend backend;
    backend.simulate = [&world](const iopcare::sim::scenario& s, const iopcare::sim::run_options& o) {
        return iopcare::mpi::simulate(world, s, o);
    };
    backend.experiment = [&world](const iopcare::sim::experiment& e, const iopcare::sim::run_options& o) {
        return iopcare::mpi::run_experiment(world, e, o);
    };
    backend.threads = false;
    command run;
    add_simulate(app, run, backend);
    add_experiment(app, run, backend);
    const int code = run_app(app, run, argc, argv);
    iopcare::mpi::release_workers(world);
    return code;
}
