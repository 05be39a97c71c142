# One byte-for-byte report case (tests/data/golden/cases.txt): cmake -DEXE=... -DARGS=a|b|c
# -DEXIT=n -DSHA256=digest -DTHREADS=n -DCAPTURE=file [-DOUT=file] -P check_golden.cmake
# Runs `iopcare validate ARGS --threads THREADS` and checks the exit code and the digest of what it
# wrote: to standard output (caught in CAPTURE, a file of the case's own), or with OUT through
# --out to that file.
string(REPLACE "|" ";" _args "${ARGS}")
list(PREPEND _args validate)
list(APPEND _args --threads "${THREADS}")
if(DEFINED OUT)
  get_filename_component(_dir "${OUT}" DIRECTORY)
  file(MAKE_DIRECTORY "${_dir}")
  file(REMOVE "${OUT}")
  execute_process(COMMAND "${EXE}" ${_args} --out "${OUT}" RESULT_VARIABLE _rc OUTPUT_VARIABLE _stdout
    ERROR_VARIABLE _err TIMEOUT 120)
  if(NOT _stdout STREQUAL "")
    message(FATAL_ERROR "with --out, standard output must stay empty; got:\n${_stdout}")
  endif()
  set(_file "${OUT}")
  # Standard output gets a final newline when the result has none (JSON); a file does not.
  # The digests are of standard output, so the file is compared as standard output would be.
  file(SIZE "${OUT}" _size)
  if(_size GREATER 0)
    math(EXPR _last "${_size} - 1")
    file(READ "${OUT}" _tail OFFSET ${_last} HEX)
    if(NOT _tail STREQUAL "0a")
      file(APPEND "${OUT}" "\n")
    endif()
  endif()
else()
  get_filename_component(_dir "${CAPTURE}" DIRECTORY)
  file(MAKE_DIRECTORY "${_dir}")
  set(_file "${CAPTURE}")
  execute_process(COMMAND "${EXE}" ${_args} RESULT_VARIABLE _rc OUTPUT_FILE "${_file}" ERROR_VARIABLE _err
    TIMEOUT 120)
endif()
if(NOT "${_rc}" STREQUAL "${EXIT}")
  message(FATAL_ERROR "exit code ${_rc}, expected ${EXIT}\n--- stderr\n${_err}")
endif()
file(SHA256 "${_file}" _digest)
file(REMOVE "${_file}")
if(NOT _digest STREQUAL SHA256)
  message(FATAL_ERROR "the report differs from the one the tool wrote before (sha256 ${_digest}, "
                      "expected ${SHA256}); run the case with the earlier tool and compare")
endif()
message(STATUS "ok: exit ${_rc}, same bytes")
