# Warning and sanitizer flags for iopcare's own targets only; never put on consumers.
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
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
      -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  if(IOPCARE_FUZZ)
    # Coverage instrumentation for libFuzzer in every target; harnesses add -fsanitize=fuzzer.
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()
