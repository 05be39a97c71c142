# Shared by the interop checks: the test-only npm packages must be installed (scripts/test runs
# `npm ci` in tests/interop), and a command that fails stops the check with its output.

function(iopcare_need_node_modules package)
  if(NOT EXISTS "${CMAKE_CURRENT_LIST_DIR}/node_modules/${package}")
    message(FATAL_ERROR "tests/interop/node_modules/${package} is missing: run `npm ci --prefix tests/interop` "
      "(scripts/test does) so the interop checks can run")
  endif()
endfunction()

function(iopcare_run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "`${ARGN}` exited ${_rc}\n${_out}\n${_err}")
  endif()
endfunction()
