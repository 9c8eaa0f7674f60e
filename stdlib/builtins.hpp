// The built-in functions of the rule language. One table holds each function's name, arity,
// result type and documentation: the checker validates calls against it, the planner binds
// calls to it once, and docs/language.md lists it.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "stdlib/value.hpp"

namespace jixiao::rt {

enum class builtin : std::uint8_t {
  min, max, clamp, round, floor, ceil, abs, months_late, comparable, contains,
};

// What a function returns, as far as the static checker can tell.
enum class static_type : std::uint8_t { any, number, boolean, text, date };

struct builtin_info {
  std::string_view name;
  builtin id;
  int min_args;
  int max_args;  // -1: any number
  static_type result;
  std::string_view signature;
  std::string_view summary;
};

std::span<const builtin_info> builtins();
const builtin_info* find_builtin(std::string_view name);

// Calls a built-in on evaluated arguments (errors among them propagate).
value call_builtin(builtin id, std::span<const value> args, const dsl::source_span& span);

}  // namespace jixiao::rt
