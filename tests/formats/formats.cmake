# formats.cmake: the CI reporters' output checked against their formats (included by
# tests/CMakeLists.txt, which sets WABA_EXE and finds Python3).
#
#   formats/<fmt>-sample         a rich hand-built report (tests/formats/emit_sample.c)
#   formats/<fmt>-business       the real CLI: `waba-preflight business ...`
#   formats/<fmt>-check|lint     the real CLI on files in inputs/ (skipped, exit 77,
#                                while that sub-command is not built yet)
#   formats/sarif-validator-self-test      broken copies of valid SARIF must be rejected
#   formats/validator-rejects/<file>       known-bad files in bad/ must be rejected
#
# Validators: validate_sarif.py (SARIF 2.1.0 schema + GitHub's rules), check_junit.c
# (libxml2), validate_github.py, validate_gitlab.py. Needs python3-jsonschema.
set(WABA_FORMATS_DIR ${CMAKE_CURRENT_LIST_DIR})
set(WABA_FORMATS_OUT ${CMAKE_CURRENT_BINARY_DIR}/formats)
file(MAKE_DIRECTORY ${WABA_FORMATS_OUT})

add_executable(waba_emit_sample ${WABA_FORMATS_DIR}/emit_sample.c)
target_link_libraries(waba_emit_sample PRIVATE waba)
set_target_properties(waba_emit_sample PROPERTIES LINKER_LANGUAGE CXX)
waba_add_warnings(waba_emit_sample)

add_executable(waba_check_junit ${WABA_FORMATS_DIR}/check_junit.c)
target_link_libraries(waba_check_junit PRIVATE PkgConfig::LIBXML2)
waba_add_warnings(waba_check_junit)

set(WABA_RUN_FORMAT ${WABA_FORMATS_DIR}/run_format.sh)
set(WABA_VALIDATE_SARIF ${Python3_EXECUTABLE} ${WABA_FORMATS_DIR}/validate_sarif.py)
set(WABA_VALIDATE_GITHUB ${Python3_EXECUTABLE} ${WABA_FORMATS_DIR}/validate_github.py)
set(WABA_VALIDATE_GITLAB ${Python3_EXECUTABLE} ${WABA_FORMATS_DIR}/validate_gitlab.py)
set(WABA_CHECK_JUNIT $<TARGET_FILE:waba_check_junit>)

# waba_format_test(NAME FORMAT (SAMPLE [--strict] | CLI args...) VALIDATE validator...)
function(waba_format_test name format)
  cmake_parse_arguments(PARSE_ARGV 2 T "" "" "SAMPLE;CLI;VALIDATE")
  set(out ${WABA_FORMATS_OUT}/${name}.out)
  if(DEFINED T_SAMPLE OR "SAMPLE" IN_LIST T_KEYWORDS_MISSING_VALUES)
    set(cmd $<TARGET_FILE:waba_emit_sample> ${format} ${T_SAMPLE})
  else()
    set(cmd ${WABA_EXE} ${T_CLI} --format ${format} --no-color)
  endif()
  add_test(NAME formats/${name}
           COMMAND ${WABA_RUN_FORMAT} ${out} ${cmd} -- ${T_VALIDATE}
           WORKING_DIRECTORY ${WABA_FORMATS_DIR})
  set(env "LANG=C.UTF-8" "NO_COLOR=1" "GITHUB_STEP_SUMMARY=")
  if(format STREQUAL "github")
    set(env "LANG=C.UTF-8" "NO_COLOR=1" "GITHUB_STEP_SUMMARY=${out}.md")
  endif()
  set_tests_properties(formats/${name} PROPERTIES LABELS formats SKIP_RETURN_CODE 77 ENVIRONMENT "${env}")
endfunction()

# The sample: 5 items (2 with the same name), 8 findings (2 identical), 2 failing items.
waba_format_test(sarif-sample sarif SAMPLE VALIDATE ${WABA_VALIDATE_SARIF} --results 8)
waba_format_test(sarif-validator-self-test sarif SAMPLE VALIDATE ${WABA_VALIDATE_SARIF} --self-test)
waba_format_test(junit-sample junit SAMPLE VALIDATE ${WABA_CHECK_JUNIT} --tests 5 --failures 2
                 --classname waba-preflight.template)
waba_format_test(junit-sample-strict junit SAMPLE --strict VALIDATE ${WABA_CHECK_JUNIT} --tests 5 --failures 3)
waba_format_test(github-sample github SAMPLE VALIDATE ${WABA_VALIDATE_GITHUB} --annotations 8
                 --summary ${WABA_FORMATS_OUT}/github-sample.out.md)
waba_format_test(gitlab-sample gitlab SAMPLE VALIDATE ${WABA_VALIDATE_GITLAB} --issues 8)

# The CLI: letters (error), too short (warning), valid, a URL (note): 4 items, 3 findings.
set(business_args business abc 12345 175601379772329
    "https://business.facebook.com/settings/info?business_id=175601379772329")
waba_format_test(sarif-business sarif CLI ${business_args} VALIDATE ${WABA_VALIDATE_SARIF} --results 3)
waba_format_test(junit-business junit CLI ${business_args} VALIDATE ${WABA_CHECK_JUNIT} --tests 4 --failures 1
                 --classname waba-preflight.business)
waba_format_test(github-business github CLI ${business_args} VALIDATE ${WABA_VALIDATE_GITHUB} --annotations 3
                 --summary ${WABA_FORMATS_OUT}/github-business.out.md)
waba_format_test(gitlab-business gitlab CLI ${business_args} VALIDATE ${WABA_VALIDATE_GITLAB} --issues 3)

# The CLI on files: findings with file, line and column.
foreach(run IN ITEMS "check;inputs/broken-application.json" "lint;inputs/order.json")
  list(GET run 0 cmd)
  waba_format_test(sarif-${cmd} sarif CLI ${run} VALIDATE ${WABA_VALIDATE_SARIF})
  waba_format_test(junit-${cmd} junit CLI ${run} VALIDATE ${WABA_CHECK_JUNIT})
  waba_format_test(github-${cmd} github CLI ${run} VALIDATE ${WABA_VALIDATE_GITHUB}
                   --summary ${WABA_FORMATS_OUT}/github-${cmd}.out.md)
  waba_format_test(gitlab-${cmd} gitlab CLI ${run} VALIDATE ${WABA_VALIDATE_GITLAB})
endforeach()

# The validators themselves must be able to fail: each known-bad file is rejected
# with the expected reason (matched on the output, so a crash does not pass).
function(waba_format_rejects bad regex)
  if(bad MATCHES "^junit")
    set(validator ${WABA_CHECK_JUNIT})
  elseif(bad MATCHES "^github")
    set(validator ${WABA_VALIDATE_GITHUB})
  else()
    set(validator ${WABA_VALIDATE_GITLAB})
  endif()
  add_test(NAME formats/validator-rejects/${bad} COMMAND ${validator} ${WABA_FORMATS_DIR}/bad/${bad})
  set_tests_properties(formats/validator-rejects/${bad} PROPERTIES LABELS formats
                       PASS_REGULAR_EXPRESSION "${regex}")
endfunction()
waba_format_rejects(junit-duplicate-names.xml "GitLab keeps only the first")
waba_format_rejects(junit-wrong-counts.xml "failures=\"0\" but it holds 1")
waba_format_rejects(github-unescaped-property.txt "not a workflow command")
waba_format_rejects(github-unescaped-message.txt "in the message is not escaped")
waba_format_rejects(github-unknown-property.txt "unknown property 'bogus'")
waba_format_rejects(gitlab-duplicate-fingerprint.json "fingerprint .* repeats")
