# Issue 13: 1,000 patients with two records each, on 1900-01-02 and 2199-12-30 (about 236 KB).
# Every empty week of the 300-year span used to be built (47 s, 8.8 GB, 875 MB of CSV). Now a
# patient's span longer than --max-span-weeks (default 156) is rejected with its records: the
# CSV is the header alone, the text report lists each rejection with the reason, and both come
# back at once. The file is generated here, not stored.
set(_file "${OUT_DIR}/attendance_300_years.json")
set(_records "")
foreach(_p RANGE 1 1000)
  string(APPEND _records
    "    {\"patient\": \"p-${_p}\", \"service\": \"group_therapy\", \"start\": \"1900-01-02T18:00:00\", \"minutes\": 180, \"status\": \"attended\"},\n"
    "    {\"patient\": \"p-${_p}\", \"service\": \"group_therapy\", \"start\": \"2199-12-30T18:00:00\", \"minutes\": 180, \"status\": \"attended\"}")
  if(_p LESS 1000)
    string(APPEND _records ",\n")
  endif()
endforeach()
file(WRITE "${_file}" "{\n  \"format\": \"iopcare.attendance/1\",\n  \"timezone\": \"America/New_York\",\n  \"records\": [\n${_records}\n  ]\n}\n")

execute_process(COMMAND "${EXE}" validate --attendance "${_file}" --rules asam-iop-adult --format csv
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err TIMEOUT 60)
if(NOT _rc EQUAL 1 OR NOT _out STREQUAL "patient,week_start,hours,qualifying_days,status,violations,compliant\n")
  string(SUBSTRING "${_out}" 0 400 _head)
  message(FATAL_ERROR "csv: exit ${_rc}, expected 1 and the header alone; got:\n${_head}\n${_err}")
endif()

execute_process(COMMAND "${EXE}" validate --attendance "${_file}" --rules asam-iop-adult
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err TIMEOUT 60)
set(_reason "the patient's span from 1900-01-01 to 2200-01-05 has 15654 weeks, more than the 156 checked for one patient \\(max_span_weeks\\)")
if(NOT _rc EQUAL 1
   OR NOT _out MATCHES "summary: 0 patients, 0 patient-weeks"
   OR NOT _out MATCHES "records: 2000 read, 0 counted, 2000 rejected"
   OR NOT _out MATCHES "rejected record 0 \\(start = 1900-01-02\\): ${_reason}\n  rejected record 1 \\(start = 2199-12-30\\): ${_reason}\n")
  string(SUBSTRING "${_out}" 0 1200 _head)
  message(FATAL_ERROR "text: exit ${_rc}; got:\n${_head}\n${_err}")
endif()
string(LENGTH "${_out}" _size)
if(_size GREATER 1000000)
  message(FATAL_ERROR "the report is ${_size} bytes: it should be bounded by the input")
endif()
message(STATUS "ok: 2000 records rejected, ${_size} bytes of report")
