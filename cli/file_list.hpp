// The files a command is given: `jixiao fmt rules`, `jixiao check rules/beijing` and
// `jixiao test rules` take folders as well as files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jixiao::cli {

// Each path that is not a folder as given (a missing file is the reader's to report); every
// file ending in `extension` (".rules", ".test") under each folder, sorted so that the output
// does not depend on the order the file system lists them in. A folder that cannot be listed,
// or holds no such file, is reported on standard error and clears `ok`.
std::vector<std::string> expand_folders(const std::vector<std::string>& paths, std::string_view extension, bool& ok);

}  // namespace jixiao::cli
