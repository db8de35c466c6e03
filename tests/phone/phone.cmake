# Phone numbers: the benchmark driver (bench/phone/), a cross-check of waba_phone_parse
# against Python's phonenumbers on the same generated list (E.164 and type must agree), and
# the report of the `phone` command on the benchmark's list (duplicates, fingerprints).
add_executable(phone_bench ${CMAKE_SOURCE_DIR}/bench/phone/phone_bench.c)
target_link_libraries(phone_bench PRIVATE waba)
target_compile_definitions(phone_bench PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
set_target_properties(phone_bench PROPERTIES LINKER_LANGUAGE CXX)
waba_add_warnings(phone_bench)
add_test(NAME phone/agrees-with-python
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/phone/agree.sh $<TARGET_FILE:phone_bench> ${CMAKE_SOURCE_DIR}/bench/phone)
set_tests_properties(phone/agrees-with-python PROPERTIES LABELS phone)
add_test(NAME phone/plugin-installed-and-missing
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/phone/plugin.sh ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR})
set_tests_properties(phone/plugin-installed-and-missing PROPERTIES LABELS phone)
add_test(NAME phone/big-list
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/phone/big_list.py ${WABA_EXE} ${CMAKE_SOURCE_DIR}/bench/phone)
set_tests_properties(phone/big-list PROPERTIES LABELS phone)
