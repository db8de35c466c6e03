# Fuzz targets: tests/fuzz/fuzz_<name>.c with seeds in tests/fuzz/corpus/<name>/.
# Always: a replay executable per target (fuzz_replay.c) and a ctest over its corpus,
# so every seed runs under gcc and the sanitizers. With -DWABA_FUZZ=ON (clang): real
# libFuzzer binaries fuzz_<name>, driven by tests/fuzz/run-all.sh.
file(GLOB fuzz_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/fuzz_*.c)
list(FILTER fuzz_sources EXCLUDE REGEX "fuzz_replay\\.c$")
foreach(src IN LISTS fuzz_sources)
  get_filename_component(name ${src} NAME_WE)
  string(REGEX REPLACE "^fuzz_" "" short ${name})
  add_executable(${name}_replay ${src} ${CMAKE_CURRENT_LIST_DIR}/fuzz_replay.c)
  target_link_libraries(${name}_replay PRIVATE waba)
  target_compile_definitions(${name}_replay PRIVATE WABA_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
  target_include_directories(${name}_replay PRIVATE ${CMAKE_SOURCE_DIR}/src)
  set_target_properties(${name}_replay PROPERTIES LINKER_LANGUAGE CXX)
  waba_add_warnings(${name}_replay)
  if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/corpus/${short})
    add_test(NAME fuzz-replay/${short} COMMAND ${name}_replay ${CMAKE_CURRENT_LIST_DIR}/corpus/${short})
    set_tests_properties(fuzz-replay/${short} PROPERTIES LABELS fuzz-replay)
  endif()
  if(WABA_FUZZ)
    add_executable(${name} ${src})
    target_link_libraries(${name} PRIVATE waba)
    target_compile_definitions(${name} PRIVATE WABA_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
      _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
    target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/src)
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    set_target_properties(${name} PROPERTIES LINKER_LANGUAGE CXX)
  endif()
endforeach()
