# Warning and sanitizer flags for iopcare's own targets only; never put on consumers.

# The sanitizers iopcare is built with under IOPCARE_SANITIZE; what a program linking such a
# build must link too (tests/consumer passes it to the packaging tests' consumers).
set(IOPCARE_SANITIZERS -fsanitize=address,undefined)

function(iopcare_set_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 /permissive-)
    if(IOPCARE_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE /WX)
    endif()
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
      -Wno-sign-conversion)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12)
      # GCC 12 at -O3 reports a false -Wrestrict inside libstdc++ for `"literal" + std::string`
      # (GCC bug 105651); the release preset would not build with -Werror otherwise.
      target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    if(IOPCARE_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
  if(IOPCARE_SANITIZE)
    target_compile_options(${target} PRIVATE ${IOPCARE_SANITIZERS} -fno-omit-frame-pointer
      -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE ${IOPCARE_SANITIZERS})
  endif()
  if(IOPCARE_FUZZ)
    # Coverage instrumentation for libFuzzer in every target; harnesses add -fsanitize=fuzzer.
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()
