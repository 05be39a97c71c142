# Compiles and runs test_package/test_package.cpp with nothing but pkg-config's flags for one
# module of a staged install, as a host without CMake would:
#   cmake -DPKG_CONFIG=... -DCXX=... -DSTAGING=prefix -DLIBDIR=lib -DMODULE=iopcare|iopcare-io
#         -DSOURCE=test_package.cpp -DOUT=exe [-DSHARED=ON] [-DWITH_IO=ON] [-DLINK_FLAGS=...]
#         -P check_pkg_config.cmake
# LINK_FLAGS: what the consumer adds at link time (the sanitizers' runtime for a sanitized iopcare).
# The consumer chooses its own standard (-std=c++20): the .pc file must not choose one.
set(ENV{PKG_CONFIG_PATH} "${STAGING}/${LIBDIR}/pkgconfig")
foreach(_what cflags libs)
  execute_process(COMMAND "${PKG_CONFIG}" --${_what} ${MODULE}
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _${_what} ERROR_VARIABLE _err OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "pkg-config --${_what} ${MODULE} failed:\n${_err}")
  endif()
endforeach()
message(STATUS "pkg-config --cflags ${MODULE}: ${_cflags}\npkg-config --libs ${MODULE}: ${_libs}")
if(_cflags MATCHES "-std=")
  message(FATAL_ERROR "${MODULE}.pc puts a language standard in Cflags: ${_cflags}")
endif()
separate_arguments(_cflags UNIX_COMMAND "${_cflags}")
separate_arguments(_libs UNIX_COMMAND "${_libs}")
set(_extra "")
if(WITH_IO)
  list(APPEND _extra -DIOPCARE_CONSUMER_WITH_IO)
endif()
if(SHARED)
  # Where the shared libraries are at run time, as a host's own install would arrange.
  list(APPEND _libs "-Wl,-rpath,${STAGING}/${LIBDIR}")
endif()
separate_arguments(_link_flags UNIX_COMMAND "${LINK_FLAGS}")
execute_process(COMMAND "${CXX}" -std=c++20 ${_extra} ${_cflags} "${SOURCE}" ${_libs} ${_link_flags} -o "${OUT}"
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "compiling with ${MODULE}'s flags failed:\n${_out}${_err}")
endif()
execute_process(COMMAND "${OUT}" RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
message(STATUS "${_out}")
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "the consumer failed (exit ${_rc}):\n${_out}${_err}")
endif()
