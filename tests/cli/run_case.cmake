# Runs one command-line case: cmake -DEXE=... -DARGS=a|b|c -DEXIT=n [-DMATCH=regex]
#   [-DNOMATCH=regex] [-DSTDOUT_EMPTY=ON] [-DSTDOUT_FILE=path] [-DSTDIN_FILE=path]
#   [-DFAULT=kind] -P run_case.cmake
# Checks the exit code, that stdout+stderr match MATCH, and (for failures) that stdout is empty
# so no partial result is printed as if it were whole. STDIN_FILE is given as standard input
# (empty input otherwise); FAULT sets IOPCARE_CLI_TEST_FAULT, which makes the tool fail as if
# it had a bug.
string(REPLACE "|" ";" _args "${ARGS}")
if(NOT DEFINED STDIN_FILE)
  set(STDIN_FILE /dev/null)
endif()
if(DEFINED FAULT)
  set(ENV{IOPCARE_CLI_TEST_FAULT} "${FAULT}")
endif()
if(DEFINED STDOUT_FILE)  # send stdout to this file (e.g. /dev/full) instead of capturing it
  execute_process(COMMAND "${EXE}" ${_args} INPUT_FILE "${STDIN_FILE}"
    RESULT_VARIABLE _rc OUTPUT_FILE "${STDOUT_FILE}" ERROR_VARIABLE _err TIMEOUT 120)
  set(_out "")
else()
  execute_process(COMMAND "${EXE}" ${_args} INPUT_FILE "${STDIN_FILE}"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err TIMEOUT 120)
endif()
set(_all "${_out}${_err}")
if(NOT "${_rc}" STREQUAL "${EXIT}")
  message(FATAL_ERROR "exit code ${_rc}, expected ${EXIT}\n--- stdout\n${_out}\n--- stderr\n${_err}")
endif()
if(DEFINED MATCH AND NOT "${_all}" MATCHES "${MATCH}")
  message(FATAL_ERROR "output does not match '${MATCH}'\n--- stdout\n${_out}\n--- stderr\n${_err}")
endif()
if(DEFINED NOMATCH AND "${_all}" MATCHES "${NOMATCH}")
  message(FATAL_ERROR "output matches '${NOMATCH}' but must not\n--- stdout\n${_out}\n--- stderr\n${_err}")
endif()
if(STDOUT_EMPTY AND NOT "${_out}" STREQUAL "")
  message(FATAL_ERROR "stdout must be empty on failure, got:\n${_out}")
endif()
message(STATUS "ok: exit ${_rc}")
