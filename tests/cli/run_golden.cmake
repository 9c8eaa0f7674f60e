# Runs the jixiao program and compares its output (standard output, then standard error)
# and exit status with golden files.
# Variables: PROGRAM, WORKDIR, ARGS (a ;-list), GOLDEN (expected stdout), STATUS (expected exit
# status). Set UPDATE=1 (or the environment variable JIXIAO_UPDATE_GOLDEN=1) to rewrite the
# golden file instead. BYTES=1 compares byte for byte, through the file OUTPUT_FILE: CMake's
# OUTPUT_VARIABLE and file(READ) turn "\r\n" into "\n", which would hide a CSV's line ends.
if(BYTES)
  execute_process(
    COMMAND ${PROGRAM} ${ARGS}
    WORKING_DIRECTORY ${WORKDIR}
    OUTPUT_FILE ${OUTPUT_FILE}
    ERROR_VARIABLE err
    RESULT_VARIABLE status)
  if(NOT "${err}" STREQUAL "")
    file(APPEND ${OUTPUT_FILE} "--- stderr ---\n${err}")
  endif()
  if(UPDATE OR "$ENV{JIXIAO_UPDATE_GOLDEN}" STREQUAL "1")
    file(COPY_FILE ${OUTPUT_FILE} ${GOLDEN})
  endif()
  if(NOT "${status}" STREQUAL "${STATUS}")
    message(FATAL_ERROR "exit status ${status}, expected ${STATUS}\nstderr:\n${err}")
  endif()
  file(READ ${OUTPUT_FILE} out HEX)
  file(READ ${GOLDEN} expected HEX)
  if(NOT out STREQUAL expected)
    file(COPY_FILE ${OUTPUT_FILE} ${GOLDEN}.actual)
    execute_process(COMMAND diff -u ${GOLDEN} ${GOLDEN}.actual)
    message(FATAL_ERROR "output differs from ${GOLDEN} (actual output in ${GOLDEN}.actual)")
  endif()
  return()
endif()

execute_process(
  COMMAND ${PROGRAM} ${ARGS}
  WORKING_DIRECTORY ${WORKDIR}
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  RESULT_VARIABLE status)
# Diagnostics go to standard error; both streams are part of the expected output.
if(NOT "${err}" STREQUAL "")
  string(APPEND out "--- stderr ---\n${err}")
endif()
if(UPDATE OR "$ENV{JIXIAO_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE ${GOLDEN} "${out}")
endif()
if(NOT "${status}" STREQUAL "${STATUS}")
  message(FATAL_ERROR "exit status ${status}, expected ${STATUS}\nstderr:\n${err}\nstdout:\n${out}")
endif()
file(READ ${GOLDEN} expected)
if(NOT "${out}" STREQUAL "${expected}")
  file(WRITE ${GOLDEN}.actual "${out}")
  execute_process(COMMAND diff -u ${GOLDEN} ${GOLDEN}.actual)
  message(FATAL_ERROR "output differs from ${GOLDEN} (actual output in ${GOLDEN}.actual)")
endif()
