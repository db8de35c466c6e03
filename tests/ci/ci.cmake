# ci.cmake: the GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml)
# run as GitHub and pre-commit would run them (tests/ci/run_ci_files.py).
add_test(NAME ci/action-and-pre-commit
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/run_ci_files.py ${WABA_EXE} ${CMAKE_SOURCE_DIR})
set_tests_properties(ci/action-and-pre-commit PROPERTIES LABELS ci ENVIRONMENT "NO_COLOR=1")
add_test(NAME ci/output-files
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_output_files.py ${WABA_EXE} ${CMAKE_SOURCE_DIR})
set_tests_properties(ci/output-files PROPERTIES LABELS ci)
add_test(NAME ci/fingerprints
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_fingerprints.py ${WABA_EXE} ${CMAKE_SOURCE_DIR})
set_tests_properties(ci/fingerprints PROPERTIES LABELS ci)
add_test(NAME ci/pre-commit
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_pre_commit.py ${WABA_EXE} ${CMAKE_SOURCE_DIR})
# TIMEOUT: four pre-commit runs (the first clones the hook repository) on a loaded machine, under
# the sanitizers too; the test bounds each run itself and says which one was slow.
set_tests_properties(ci/pre-commit PROPERTIES LABELS ci TIMEOUT 900)
add_test(NAME ci/docs-workflows
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_docs_workflows.py ${WABA_EXE} ${CMAKE_SOURCE_DIR})
set_tests_properties(ci/docs-workflows PROPERTIES LABELS ci TIMEOUT 600)
