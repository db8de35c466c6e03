# Photo test images drawn in code: make_photos writes the CLI fixtures, the example logo
# and the benchmark images (bench/photo). A test checks that the committed example and
# fixtures are what the generator makes, so they cannot drift from the code.
add_executable(make_photos ${CMAKE_CURRENT_LIST_DIR}/make_photos.c)
target_link_libraries(make_photos PRIVATE PkgConfig::PNG PkgConfig::JPEG)
find_package(ZLIB REQUIRED)
target_link_libraries(make_photos PRIVATE ZLIB::ZLIB)
target_compile_definitions(make_photos PRIVATE _POSIX_C_SOURCE=200809L)
waba_add_warnings(make_photos)
add_test(NAME photo/example-fresh
         COMMAND ${CMAKE_COMMAND} -DGEN=$<TARGET_FILE:make_photos> -DSRC=${CMAKE_SOURCE_DIR}
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_example.script)
set_tests_properties(photo/example-fresh PROPERTIES LABELS photo)
add_test(NAME photo/fix COMMAND ${CMAKE_CURRENT_LIST_DIR}/fix.sh ${WABA_EXE} ${CMAKE_SOURCE_DIR})
set_tests_properties(photo/fix PROPERTIES LABELS photo)
