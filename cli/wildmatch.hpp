// Git's glob matching (wildmatch), used for .gitignore patterns and --exclude globs.
#pragma once

#include <string_view>

namespace asynclift::cli {

// Matches `text` against `pattern` as git's wildmatch() does with WM_PATHNAME when `pathname`
// is set: `*` and `?` and `[...]` never match `/`; `**` between slashes (or at either end)
// matches any number of folders; `\` quotes the next character; `[!...]`/`[^...]` negate;
// POSIX classes such as `[[:digit:]]` work. Without `pathname`, `*` also matches `/`.
bool wildmatch(std::string_view pattern, std::string_view text, bool pathname = true);

}  // namespace asynclift::cli
