# Finds libcsv (Debian: libcsv-dev), the CSV writer of `jixiao score --format csv`. The
# package ships a header and a library but no CMake config or pkg-config file, so this module
# looks for both and wraps them in an imported target.
#
#   LibCSV::LibCSV       the imported target to link
#   LibCSV_FOUND         whether both were found
#   LibCSV_INCLUDE_DIR   the folder holding csv.h
#   LibCSV_LIBRARY       the library
#   LibCSV_VERSION       from CSV_MAJOR, CSV_MINOR and CSV_RELEASE in csv.h
find_path(LibCSV_INCLUDE_DIR NAMES csv.h)
find_library(LibCSV_LIBRARY NAMES csv)

if(LibCSV_INCLUDE_DIR AND EXISTS "${LibCSV_INCLUDE_DIR}/csv.h")
  file(STRINGS "${LibCSV_INCLUDE_DIR}/csv.h" _libcsv_version_lines REGEX "^#define CSV_(MAJOR|MINOR|RELEASE) ")
  foreach(_part MAJOR MINOR RELEASE)
    string(REGEX REPLACE ".*#define CSV_${_part} ([0-9]+).*" "\\1" _libcsv_${_part} "${_libcsv_version_lines}")
  endforeach()
  set(LibCSV_VERSION "${_libcsv_MAJOR}.${_libcsv_MINOR}.${_libcsv_RELEASE}")
  unset(_libcsv_version_lines)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibCSV
  REQUIRED_VARS LibCSV_LIBRARY LibCSV_INCLUDE_DIR
  VERSION_VAR LibCSV_VERSION)
mark_as_advanced(LibCSV_INCLUDE_DIR LibCSV_LIBRARY)

if(LibCSV_FOUND AND NOT TARGET LibCSV::LibCSV)
  add_library(LibCSV::LibCSV UNKNOWN IMPORTED)
  set_target_properties(LibCSV::LibCSV PROPERTIES
    IMPORTED_LOCATION "${LibCSV_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LibCSV_INCLUDE_DIR}")
endif()
