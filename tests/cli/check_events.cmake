# iopcare simulate --events FILE --events-warmup: the log has the documented header, one line
# per move, the first moves are arrivals from the community, no ".partial" file is left behind,
# and the log accounts for every event the JSON counts: each event the engine processes is
# either an external arrival (one "arrival,community,..." line) or the end of a stay (one
# "departure" or "dropout" line); admissions and transfers' arrivals are further lines of those
# events. Without --events-warmup the log starts at the warm-up's end (day 365).
file(REMOVE "${OUT}" "${OUT}.partial")
execute_process(COMMAND "${EXE}" simulate --replications 1 --threads 1 --events "${OUT}" --events-warmup --format json
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err TIMEOUT 120)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "exit ${_rc}\n${_err}")
endif()
string(REGEX MATCH "\"events\": ([0-9]+)" _ "${_out}")
set(_events "${CMAKE_MATCH_1}")
if(NOT EXISTS "${OUT}" OR EXISTS "${OUT}.partial")
  message(FATAL_ERROR "the event log is missing, or a partial file was left")
endif()
file(STRINGS "${OUT}" _lines)
list(LENGTH _lines _n)
list(GET _lines 0 _header)
list(GET _lines 1 _first)
if(NOT _header STREQUAL "replication,patient,time_days,kind,from,to,outcome")
  message(FATAL_ERROR "unexpected header: ${_header}")
endif()
if(NOT _first MATCHES "^0,[1-4]000000000000,[0-9]+\\.[0-9][0-9][0-9][0-9][0-9][0-9],arrival,community,(residential|php|iop|op),$")
  message(FATAL_ERROR "unexpected first event: ${_first}")
endif()
# Each line is one of the four kinds; a patient is admitted only after arriving and leaves only
# after being admitted, so the counts are ordered.
foreach(_kind arrival admission departure dropout)
  set(_${_kind} 0)
endforeach()
set(_external 0)
list(REMOVE_AT _lines 0)
foreach(_line IN LISTS _lines)
  if(NOT _line MATCHES "^0,[0-9]+,[0-9]+\\.[0-9][0-9][0-9][0-9][0-9][0-9],(arrival|admission|departure|dropout),[a-z]+,[a-z]+,(completed)?$")
    message(FATAL_ERROR "malformed event line: ${_line}")
  endif()
  math(EXPR _${CMAKE_MATCH_1} "${_${CMAKE_MATCH_1}} + 1")
  if(_line MATCHES ",arrival,community,")
    math(EXPR _external "${_external} + 1")
  endif()
endforeach()
math(EXPR _accounted "${_external} + ${_departure} + ${_dropout}")
if(NOT _events OR NOT _accounted EQUAL _events)
  message(FATAL_ERROR "JSON counts ${_events} events; the log has ${_external} external arrivals + "
    "${_departure} departures + ${_dropout} dropouts = ${_accounted}")
endif()
if(_admission GREATER _arrival OR _departure GREATER _admission OR _arrival LESS 1000)
  message(FATAL_ERROR "arrivals ${_arrival}, admissions ${_admission}, departures ${_departure}")
endif()

# The same run without --events-warmup logs nothing before the warm-up's end.
execute_process(COMMAND "${EXE}" simulate --replications 1 --threads 1 --events "${OUT}" --format json
  RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_VARIABLE _err TIMEOUT 120)
file(STRINGS "${OUT}" _after LIMIT_COUNT 2)
list(GET _after 1 _first_after)
if(NOT _rc EQUAL 0 OR NOT _first_after MATCHES "^0,[0-9]+,365\\.[0-9]+,")
  message(FATAL_ERROR "without --events-warmup the first event is: ${_first_after}")
endif()
message(STATUS "ok: ${_arrival} arrivals, ${_admission} admissions, ${_departure} departures")
