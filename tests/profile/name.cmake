# name --website against a loopback HTTP server started by the test.
add_test(NAME profile/name-website
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/profile/name_website.sh ${WABA_EXE} ${CMAKE_SOURCE_DIR})
set_tests_properties(profile/name-website PROPERTIES LABELS cli TIMEOUT 60)
