# iopcare-mpi under `mpirun -np 1`, `-np 2` and `-np 3` prints, byte for byte, what iopcare
# prints in one process, and writes the same event log: for simulate (JSON, with the log) and
# for an experiment (CSV). CI runs as root on 2 cores, hence --allow-run-as-root --oversubscribe.
#   cmake -DEXE=iopcare -DMPI_EXE=iopcare-mpi -DMPIRUN=mpirun -DOUT=dir -P check_mpi.cmake
set(_runs
  "simulate|--replications|5|--seed|11|--format|json"
  "experiment|--file|examples/formats/experiment.json|--format|csv")
set(_k 0)
foreach(_run IN LISTS _runs)
  string(REPLACE "|" ";" _args "${_run}")
  execute_process(COMMAND "${EXE}" ${_args} --events "${OUT}/mpi_log_single_${_k}.csv"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _single ERROR_VARIABLE _err TIMEOUT 300)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "iopcare ${_args}: exit ${_rc}\n${_err}")
  endif()
  file(READ "${OUT}/mpi_log_single_${_k}.csv" _single_log)
  foreach(_np 1 2 3)
    execute_process(COMMAND "${MPIRUN}" --allow-run-as-root --oversubscribe -np ${_np} "${MPI_EXE}" ${_args}
        --events "${OUT}/mpi_log_${_np}_${_k}.csv"
      RESULT_VARIABLE _rc OUTPUT_VARIABLE _mpi ERROR_VARIABLE _err TIMEOUT 300)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "mpirun -np ${_np} iopcare-mpi ${_args}: exit ${_rc}\n${_err}")
    endif()
    if(NOT _mpi STREQUAL _single)
      message(FATAL_ERROR "mpirun -np ${_np} iopcare-mpi ${_args}: the output differs from iopcare's\n"
        "--- iopcare\n${_single}\n--- iopcare-mpi\n${_mpi}")
    endif()
    file(READ "${OUT}/mpi_log_${_np}_${_k}.csv" _log)
    if(NOT _log STREQUAL _single_log)
      message(FATAL_ERROR "mpirun -np ${_np} iopcare-mpi ${_args}: the event log differs from iopcare's")
    endif()
    file(REMOVE "${OUT}/mpi_log_${_np}_${_k}.csv")
    message(STATUS "ok: -np ${_np} ${_args}")
  endforeach()
  file(REMOVE "${OUT}/mpi_log_single_${_k}.csv")
  math(EXPR _k "${_k} + 1")
endforeach()
