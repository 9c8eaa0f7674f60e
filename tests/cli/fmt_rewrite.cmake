# `jixiao fmt --check` on an absolute path names it after git's a/ and b/ with one slash;
# `jixiao fmt FILE` rewrites a file in place, leaves no temporary file behind, and leaves a
# formatted file untouched (same modification time).
# Variables: PROGRAM, SOURCE_DIR, WORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(input ${WORK_DIR}/layout.rules)
file(COPY_FILE ${SOURCE_DIR}/tests/golden/fmt/layout.rules ${input})

string(REGEX REPLACE "^/" "" relative ${input})
execute_process(COMMAND ${PROGRAM} fmt --check ${input} OUTPUT_VARIABLE out RESULT_VARIABLE status)
string(FIND "${out}" "--- a/${relative}\n+++ b/${relative}\n@@ " at)
if(NOT status EQUAL 1 OR NOT at EQUAL 0)
  message(FATAL_ERROR "fmt --check: exit status ${status}, output '${out}' (expected 1 and a diff of a/${relative})")
endif()

execute_process(COMMAND ${PROGRAM} fmt ${input} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT "${out}${err}" STREQUAL "")
  message(FATAL_ERROR "fmt: exit status ${status}, output '${out}', errors '${err}' (expected 0 and nothing)")
endif()
file(READ ${input} actual)
file(READ ${SOURCE_DIR}/tests/golden/fmt/layout.expected expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "the rewritten file differs from tests/golden/fmt/layout.expected")
endif()
file(GLOB leftovers ${WORK_DIR}/.*)
if(leftovers)
  message(FATAL_ERROR "temporary files left behind: ${leftovers}")
endif()

# An old modification time that a rewrite would replace.
execute_process(COMMAND touch -d @1000000000 ${input} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "touch failed")
endif()
execute_process(COMMAND ${PROGRAM} fmt -v ${input} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT "${err}" STREQUAL "${input}: formatted\n")
  message(FATAL_ERROR "fmt -v: exit status ${status}, errors '${err}' (expected 0 and '${input}: formatted')")
endif()
file(TIMESTAMP ${input} mtime "%s" UTC)
if(NOT mtime STREQUAL "1000000000")
  message(FATAL_ERROR "a formatted file was rewritten (modification time ${mtime})")
endif()
