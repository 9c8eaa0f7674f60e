#include "cli/file_list.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>

namespace jixiao::cli {

std::vector<std::string> expand_folders(const std::vector<std::string>& paths, std::string_view extension, bool& ok) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->path().extension() == extension && it->is_regular_file(ec)) found.push_back(it->path().generic_string());
    }
    if (ec) {
      fmt::print(stderr, "{}: cannot list the folder: {}\n", path, ec.message());
      ok = false;
    } else if (found.empty()) {
      fmt::print(stderr, "{}: no *{} files in this folder\n", path, extension);
      ok = false;
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace jixiao::cli
