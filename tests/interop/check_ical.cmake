# Reads iopcare's iCalendar export with a second, independent client (ical.js) and compares the
# occurrences it finds with instants worked out by hand.
#   cmake -DEXE=iopcare -DNODE=node -DOUT=dir -P check_ical.cmake   (from the source folder)
include("${CMAKE_CURRENT_LIST_DIR}/interop_common.cmake")
iopcare_need_node_modules(ical.js)

# name | program | from | weeks | the UTC starts, by hand
set(_cases
  # Mon-Thu 18:00 in New York; DST ends 2026-11-01 (EDT -4 to EST -5); Veterans Day 11-11 is closed.
  "evening|examples/formats/program.json|2026-10-26|3|2026-10-26T22:00:00Z 2026-10-27T22:00:00Z 2026-10-28T22:00:00Z 2026-10-29T22:00:00Z 2026-11-02T23:00:00Z 2026-11-03T23:00:00Z 2026-11-04T23:00:00Z 2026-11-05T23:00:00Z 2026-11-09T23:00:00Z 2026-11-10T23:00:00Z 2026-11-12T23:00:00Z"
  # Sunday 02:30 across the spring gap (2026-03-08 02:00-03:00 does not exist): shift_forward
  # makes it 03:30 EDT, 07:30Z, the same instant as 02:30 EST.
  "spring_gap|tests/data/program_sunday_0230.json|2026-03-01|3|2026-03-01T07:30:00Z 2026-03-08T07:30:00Z 2026-03-15T06:30:00Z"
  # Sunday 01:30 across the autumn overlap (2026-11-01 01:00-02:00 happens twice): the earlier
  # instant, EDT.
  "autumn_overlap|tests/data/program_sunday_0130.json|2026-10-19|3|2026-10-25T05:30:00Z 2026-11-01T05:30:00Z 2026-11-08T06:30:00Z"
)
set(_failed 0)
foreach(_case IN LISTS _cases)
  string(REPLACE "|" ";" _f "${_case}")
  list(GET _f 0 _name)
  list(GET _f 1 _program)
  list(GET _f 2 _from)
  list(GET _f 3 _weeks)
  list(GET _f 4 _expected)
  set(_ics "${OUT}/${_name}.ics")
  iopcare_run("${EXE}" schedule --program ${_program} --from ${_from} --weeks ${_weeks} --format ics --out "${_ics}")
  execute_process(COMMAND "${NODE}" "${CMAKE_CURRENT_LIST_DIR}/ical_occurrences.mjs" "${_ics}" 2100-01-01T00:00:00Z
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _got ERROR_VARIABLE _err)
  string(STRIP "${_got}" _got)
  string(REPLACE "\n" " " _got "${_got}")
  if(NOT _rc EQUAL 0 OR NOT "${_got}" STREQUAL "${_expected}")
    message(SEND_ERROR "${_name}: ical.js reads\n  ${_got}\nexpected\n  ${_expected}\n${_err}")
    set(_failed 1)
  else()
    message(STATUS "${_name}: ical.js reads the hand-computed instants")
  endif()
endforeach()
