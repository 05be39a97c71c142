# simulate-attendance --attendance-out: the written attendance, validated by `iopcare validate`,
# gives the run's own week counts (one replication, so its means are replication 0's counts);
# and the run's output is the same on one thread and on three.
# cmake -DEXE=... -DOUT=file -P check_attendance_out.cmake
get_filename_component(_dir "${OUT}" DIRECTORY)
file(MAKE_DIRECTORY "${_dir}")
file(REMOVE "${OUT}")
set(_run simulate-attendance --program examples/formats/program.json --rules asam-iop-adult --patients 12
  --weeks 6 --from 2026-10-28 --attendance-rate 0.75 --partial 0.2 --dropout-after 3 --replications 1
  --seed 5 --format json)

execute_process(COMMAND "${EXE}" ${_run} --threads 1 --attendance-out "${OUT}"
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _sim ERROR_VARIABLE _err TIMEOUT 120)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "simulate-attendance: exit ${_rc}\n${_err}")
endif()
execute_process(COMMAND "${EXE}" ${_run} --threads 3
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _sim3 ERROR_VARIABLE _err TIMEOUT 120)
if(NOT _sim3 STREQUAL _sim)
  message(FATAL_ERROR "three threads gave another answer:\n${_sim3}\none thread:\n${_sim}")
endif()
file(READ "${OUT}" _written)
if(NOT _written MATCHES "^{\n  \"format\": \"iopcare.attendance/1\",\n  \"timezone\": \"America/New_York\"")
  message(FATAL_ERROR "not iopcare.attendance/1:\n${_written}")
endif()

# Exit 1: some week falls short, as a low-attendance cohort's weeks do.
execute_process(COMMAND "${EXE}" validate --attendance "${OUT}" --rules asam-iop-adult --format json
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _val ERROR_VARIABLE _err TIMEOUT 120)
if(NOT _rc MATCHES "^[01]$")
  message(FATAL_ERROR "validate: exit ${_rc}\n${_err}")
endif()
string(JSON _rejected LENGTH "${_val}" summary rejected)
if(NOT _rejected EQUAL 0)
  message(FATAL_ERROR "validate rejected ${_rejected} written records:\n${_val}")
endif()
foreach(_status meets below_minimum above_maximum exempt)
  string(JSON _simulated GET "${_sim}" weeks ${_status})
  string(JSON _validated GET "${_val}" summary patient_weeks ${_status})
  string(REGEX REPLACE "\\.0$" "" _simulated "${_simulated}")  # a mean of one replication: "12.0"
  if(NOT _simulated STREQUAL _validated)
    message(FATAL_ERROR "${_status}: the run counted ${_simulated}, validating the written file ${_validated}")
  endif()
endforeach()
string(JSON _meets GET "${_sim}" weeks meets)
string(JSON _below GET "${_sim}" weeks below_minimum)
if(_meets MATCHES "^0(\\.0)?$" OR _below MATCHES "^0(\\.0)?$")
  message(FATAL_ERROR "expected weeks of both kinds to compare, got ${_meets} and ${_below}")
endif()
