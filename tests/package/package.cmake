# The program as a user gets it: CPack builds the .deb and the .tar.gz, the test unpacks
# each into a scratch folder (nothing is installed on the system), and runs the unpacked
# binary from another folder: lint, check, --lang pt, completions. strace proves that no
# data is read from the build or source tree. The shell completions list every command.
find_program(WABA_DPKG_DEB dpkg-deb)
if(WABA_DPKG_DEB)
  add_test(NAME package/deb-and-tarball
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/package/test_package.sh ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR})
  set_tests_properties(package/deb-and-tarball PROPERTIES LABELS "package;nosan" TIMEOUT 600 RUN_SERIAL TRUE)
endif()
add_test(NAME package/completions
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/package/test_completions.sh ${WABA_EXE})
set_tests_properties(package/completions PROPERTIES LABELS package SKIP_RETURN_CODE 77)
add_test(NAME package/plugins-installed-and-missing
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/package/plugins.sh ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR})
set_tests_properties(package/plugins-installed-and-missing PROPERTIES LABELS package)
