# A project that adds iopcare with add_subdirectory gets no iopcare install rules unless it
# asks for them with IOPCARE_INSTALL=ON. Configures tests/consumer/add-subdirectory twice
# (no build) and reads the install script CMake generates for iopcare's directory:
#   cmake -DSOURCE_DIR=iopcare -DCONSUMER=dir -DWORK=scratch -DGENERATOR=... -P check_install_off.cmake
file(REMOVE_RECURSE "${WORK}")
foreach(_case default asked)
  set(_opts "")
  if(_case STREQUAL "asked")
    set(_opts -DIOPCARE_INSTALL=ON)
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${CONSUMER}" -B "${WORK}/${_case}" -G "${GENERATOR}"
      "-DIOPCARE_SOURCE_DIR=${SOURCE_DIR}" ${_opts}
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "configuring the consumer (${_case}) failed:\n${_out}${_err}")
  endif()
  file(READ "${WORK}/${_case}/iopcare/cmake_install.cmake" _script)
  string(FIND "${_script}" "iopcare-config.cmake" _at)
  if(_case STREQUAL "default" AND NOT _at EQUAL -1)
    message(FATAL_ERROR "iopcare generated install rules in a project that did not ask for them")
  elseif(_case STREQUAL "asked" AND _at EQUAL -1)
    message(FATAL_ERROR "IOPCARE_INSTALL=ON did not give iopcare's install rules")
  endif()
endforeach()
message(STATUS "ok: no install rules by default, install rules with IOPCARE_INSTALL=ON")
