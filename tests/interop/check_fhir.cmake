# Validates iopcare's FHIR exports with an independent FHIR R4 validator (Medplum's, from npm):
# structure, cardinality, types and invariants of every resource, and every reference resolved
# inside its Bundle.
#   cmake -DEXE=iopcare -DNODE=node -DOUT=dir -P check_fhir.cmake   (from the source folder)
include("${CMAKE_CURRENT_LIST_DIR}/interop_common.cmake")
iopcare_need_node_modules(@medplum/core)

set(_evening --program examples/formats/program-enrolled.json --from 2026-10-26 --weeks 2
  --attendance examples/formats/attendance-evening.json)
set(_files "")
foreach(_case evening evening_transaction episodes program_only attendance_only everything)
  if(_case STREQUAL "evening")
    set(_args ${_evening})
  elseif(_case STREQUAL "evening_transaction")
    set(_args ${_evening} --bundle transaction)
  elseif(_case STREQUAL "episodes")
    set(_args --episodes examples/formats/episodes.json)
  elseif(_case STREQUAL "program_only")
    set(_args --program examples/formats/program.json --from 2026-10-26 --weeks 3)
  elseif(_case STREQUAL "attendance_only")
    set(_args --attendance examples/formats/attendance.json)
  else()
    set(_args ${_evening} --episodes examples/formats/episodes.json)
  endif()
  iopcare_run("${EXE}" fhir export ${_args} --out "${OUT}/${_case}.json")
  list(APPEND _files "${OUT}/${_case}.json")
endforeach()
execute_process(COMMAND "${NODE}" "${CMAKE_CURRENT_LIST_DIR}/validate.mjs" ${_files}
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
message(STATUS "${_out}")
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "the FHIR validator found errors\n${_out}\n${_err}")
endif()
