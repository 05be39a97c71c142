# Command-line cases whose inputs are generated here rather than stored (issue 13): a program
# too big to expand, names of hundreds of characters, an id with a newline in it, a seed of
# 2^64-1. Run: cmake -DEXE=... -DDIR=scratch -DCASE=name -P generated_case.cmake
file(MAKE_DIRECTORY "${DIR}")

function(run_tool)  # run_tool(args...) -> _rc, _out, _err in the caller
  execute_process(COMMAND "${EXE}" ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  set(_rc "${rc}" PARENT_SCOPE)
  set(_out "${out}" PARENT_SCOPE)
  set(_err "${err}" PARENT_SCOPE)
endfunction()

# expect(DESCRIPTION condition...): the condition as if() takes it.
function(expect what)
  if(NOT (${ARGN}))
    message(FATAL_ERROR "${what}\n--- exit ${_rc}\n--- stdout (first 2000 bytes)\n${_head}\n--- stderr\n${_err}")
  endif()
endfunction()

# A string of `n` copies of `unit`.
function(repeat unit n var)
  set(s "${unit}")
  set(len 1)
  while(len LESS n)
    string(APPEND s "${s}")
    math(EXPR len "${len} * 2")
  endwhile()
  string(LENGTH "${unit}" u)
  math(EXPR keep "${n} * ${u}")
  string(SUBSTRING "${s}" 0 ${keep} s)
  set(${var} "${s}" PARENT_SCOPE)
endfunction()

set(_program_head "{\"format\": \"iopcare.program/1\", \"level\": \"2.1\", \"timezone\": \"UTC\",")

if(CASE STREQUAL "schedule_too_big")
  # 10,000 groups meeting every day, one patient each (the program's own calendar), 520 weeks:
  # 10,000 x 7 x 3,640 / 7 = 36.4 million sessions, refused before any is made.
  # Made a hundred groups at a time: appending 10,000 times to one growing string copied it
  # each time (20 s of the test, against 0.2 s for the tool).
  set(lines "")
  foreach(hundred RANGE 0 99)
    set(chunk "")
    foreach(k RANGE 1 100)
      math(EXPR g "${hundred} * 100 + ${k}")
      string(APPEND chunk "{\"days\": [\"SU\",\"MO\",\"TU\",\"WE\",\"TH\",\"FR\",\"SA\"], \"start\": \"09:00\", \"minutes\": 60, \"service\": \"group_therapy\", \"group\": \"g${g}\", \"capacity\": 1},")
    endforeach()
    string(APPEND lines "${chunk}")
  endforeach()
  string(REGEX REPLACE ",$" "" lines "${lines}")
  file(WRITE "${DIR}/huge.json" "${_program_head} \"name\": \"Huge\", \"sessions\": [${lines}]}")
  run_tool(schedule --program "${DIR}/huge.json" --from 2026-01-05 --weeks 520 --format csv)
  set(_head "${_out}")
  expect("exit 2" _rc EQUAL 2)
  expect("names the options and the count" _err MATCHES
    "\\[iopcare.limit_exceeded\\] --weeks: 520 weeks of .*huge.json \\(10000 patients\\) make up to 36400000 sessions, more than --max-sessions 5000000 \\(value: \"520\"\\)")
  expect("nothing on stdout" NOT _out MATCHES ".")
elseif(CASE STREQUAL "schedule_long_names")
  # A 1,000-character program name and a 300-character group: printed whole, and every
  # session row still ends with the patient.
  repeat("N" 1000 name)
  repeat("g" 300 group)
  file(WRITE "${DIR}/long.json" "${_program_head} \"name\": \"${name}\", \"sessions\": [{\"days\": [\"MO\", \"WE\"], \"start\": \"18:00\", \"minutes\": 180, \"service\": \"group_therapy\", \"group\": \"${group}\", \"capacity\": 5}]}")
  run_tool(schedule --program "${DIR}/long.json" --from 2026-03-02 --weeks 1)
  string(SUBSTRING "${_out}" 0 2000 _head)
  expect("exit 0" _rc EQUAL 0)
  expect("the whole name, then the rest of the title" _out MATCHES "^${name} \\(level 2.1, adult, UTC\\): 2 sessions in 1 weeks from 2026-03-02\n")
  expect("the patient and the whole group" _out MATCHES "\npatient 1 \\(${group}\\)\n")
  expect("both rows end with the patient" _out MATCHES "${group} patient 1\n.*${group} patient 1\n$")
elseif(CASE STREQUAL "simulate_long_id")
  # A 600-character level id: its row keeps every number after it.
  repeat("L" 600 id)
  file(WRITE "${DIR}/long.json" "{\"name\": \"s\", \"horizon_days\": 100, \"warmup_days\": 0, \"replications\": 2, \"levels\": [{\"id\": \"${id}\", \"code\": \"2.1\", \"capacity\": 10, \"los_days\": {\"dist\": \"fixed\", \"value\": 1}, \"arrivals_per_day\": 1}], \"transitions\": [{\"from\": \"${id}\", \"to\": \"discharge\", \"p\": 1}]}")
  run_tool(simulate --scenario "${DIR}/long.json" --threads 1)
  string(SUBSTRING "${_out}" 0 2000 _head)
  expect("exit 0" _rc EQUAL 0)
  expect("the row has its id, code, capacity, occupancy, interval, utilization, admissions and wait" _out MATCHES
    "\n${id} 2.1         10 +[0-9.]+ \\[ *-?[0-9.]+, +-?[0-9.]+\\] +[0-9.]+% +[0-9]+ +[0-9.]+ \\[ *-?[0-9.]+, +-?[0-9.]+\\]\n")
elseif(CASE STREQUAL "validate_newline_id")
  # A quoted CSV id with a newline and a fake report line in it: the text report escapes it,
  # so no line starts with the fake week; the CSV report keeps it inside one quoted field.
  file(WRITE "${DIR}/att.csv" "patient,service,start,minutes,status,attended_minutes\n\"p-1\n  week of 2026-03-02   99.00 h  9 qualifying days  meets\",group_therapy,2026-03-02T18:00:00,180,attended,\n")
  run_tool(validate --attendance "${DIR}/att.csv" --timezone America/New_York --rules h0015)
  set(_head "${_out}")
  expect("exit 1" _rc EQUAL 1)
  expect("the id is escaped on its line" _out MATCHES "\npatient p-1\\\\n  week of 2026-03-02   99.00 h  9 qualifying days  meets: ")
  expect("no fake line" NOT _out MATCHES "\n  week of 2026-03-02   99.00 h")
  run_tool(validate --attendance "${DIR}/att.csv" --timezone America/New_York --rules h0015 --format csv)
  set(_head "${_out}")
  expect("one quoted field in CSV" _out MATCHES "\n\"p-1\n  week of 2026-03-02   99.00 h  9 qualifying days  meets\",2026-03-02,3.00,")
elseif(CASE STREQUAL "simulate_seed_max")
  # The largest seed the README allows, in a scenario file.
  file(WRITE "${DIR}/seed.json" "{\"name\": \"s\", \"horizon_days\": 30, \"warmup_days\": 0, \"replications\": 1, \"seed\": 18446744073709551615, \"levels\": [{\"id\": \"iop\", \"code\": \"2.1\", \"capacity\": 10, \"los_days\": {\"dist\": \"fixed\", \"value\": 1}, \"arrivals_per_day\": 1}], \"transitions\": [{\"from\": \"iop\", \"to\": \"discharge\", \"p\": 1}]}")
  run_tool(simulate --scenario "${DIR}/seed.json" --format json)
  set(_head "${_out}")
  expect("exit 0" _rc EQUAL 0)
  expect("the seed as written" _out MATCHES "\"seed\": 18446744073709551615,")
else()
  message(FATAL_ERROR "unknown CASE ${CASE}")
endif()
message(STATUS "ok: ${CASE}")
