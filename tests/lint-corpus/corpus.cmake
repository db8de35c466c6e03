# Lint corpus: realistic clean templates per language must give no error and no warning
# (false alarms are bugs); templates that break a rule must raise exactly the rules in
# their .expect file. See tests/lint-corpus/run_corpus.py and docs/ci.md.
foreach(kind clean bad)
  file(GLOB corpus_dirs LIST_DIRECTORIES true CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/lint-corpus/${kind}/*)
  foreach(dir IN LISTS corpus_dirs)
    if(IS_DIRECTORY ${dir})
      get_filename_component(lang ${dir} NAME)
      add_test(NAME lint-corpus/${kind}/${lang}
               COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/lint-corpus/run_corpus.py
                       ${WABA_EXE} ${kind} ${dir})
      set_tests_properties(lint-corpus/${kind}/${lang} PROPERTIES LABELS cli TIMEOUT 120)
    endif()
  endforeach()
endforeach()
# The report is the same whatever the number of threads lint uses (cli/cmd_lint.c).
add_test(NAME lint-corpus/jobs-same-report
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/lint-corpus/jobs.sh ${WABA_EXE} ${CMAKE_SOURCE_DIR})
set_tests_properties(lint-corpus/jobs-same-report PROPERTIES LABELS cli TIMEOUT 300)
# One big list parsed element by element gives the whole-document parse's report (cli/cmd_lint.c).
add_test(NAME lint-corpus/slices-same-report
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/lint-corpus/slices.sh ${WABA_EXE} ${CMAKE_SOURCE_DIR})
set_tests_properties(lint-corpus/slices-same-report PROPERTIES LABELS cli TIMEOUT 300)
