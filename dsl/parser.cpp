#include "dsl/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>
#include <tao/pegtl.hpp>
#include <utility>

#include "dsl/actions.hpp"
#include "dsl/errors.hpp"
#include "dsl/grammar.hpp"
#include "dsl/separators.hpp"

namespace jixiao::dsl {

namespace {

namespace pegtl = tao::pegtl;

struct code_point {
  char32_t value = 0;
  std::size_t size = 0;  // 0 when the bytes at the offset are not valid UTF-8
};

code_point decode(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const auto lead = byte(0);
  std::size_t size = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if (lead < 0x80) {
    return {lead, 1};
  }
  if ((lead & 0xE0U) == 0xC0U) {
    size = 2;
    value = lead & 0x1FU;
    minimum = 0x80;
  } else if ((lead & 0xF0U) == 0xE0U) {
    size = 3;
    value = lead & 0x0FU;
    minimum = 0x800;
  } else if ((lead & 0xF8U) == 0xF0U) {
    size = 4;
    value = lead & 0x07U;
    minimum = 0x10000;
  } else {
    return {};
  }
  if (at + size > text.size()) {
    return {};
  }
  for (std::size_t i = 1; i < size; ++i) {
    if ((byte(i) & 0xC0U) != 0x80U) {
      return {};
    }
    value = (value << 6U) | (byte(i) & 0x3FU);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if (value < minimum || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
    return {};
  }
  return {value, size};
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto cp = decode(text, i);
    if (cp.size == 0) {
      return i;
    }
    i += cp.size;
  }
  return std::nullopt;
}

bool is_cjk_ideograph(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2A6DF);
}

bool is_identifier_first(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || is_cjk_ideograph(c);
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// Characters that begin some token of the language. An error at one of them names only what
// was expected; any other character is named as unexpected.
bool starts_token(char32_t c) {
  static constexpr std::u32string_view punctuation =
      U"\"()[]{},.=<>!+-*/%?:# \t\r\n\u00D7\u00F7\u2260\u2264\u2265\u221E\u3000";
  return is_identifier_first(c) || is_digit(c) || punctuation.find(c) != std::u32string_view::npos;
}

// What a Chinese input method, or a copy from a word processor, puts where ASCII belongs.
struct lookalike {
  char32_t value;
  std::string_view description;
};

constexpr lookalike lookalikes[] = {
    {U'\uFF0C', "full-width comma, use ',' instead"},
    {U'\u3001', "ideographic comma, use ',' instead"},
    {U'\uFF08', "full-width parenthesis, use '(' instead"},
    {U'\uFF09', "full-width parenthesis, use ')' instead"},
    {U'\uFF1D', "full-width equals sign, use '=' instead"},
    {U'\uFF1A', "full-width colon, use ':' instead"},
    {U'\uFF1B', "full-width semicolon"},
    {U'\u3002', "ideographic full stop, use '.' instead"},
    {U'\uFF0E', "full-width full stop, use '.' instead"},
    {U'\u201C', "curly quotation mark, use '\"' instead"},
    {U'\u201D', "curly quotation mark, use '\"' instead"},
    {U'\u2018', "curly quotation mark, strings use '\"'"},
    {U'\u2019', "curly quotation mark, strings use '\"'"},
    {U'\'', "single quotation mark, strings use '\"'"},
    {U'\uFF05', "full-width percent sign, use '%' instead"},
    {U'\uFF0B', "full-width plus sign, use '+' instead"},
    {U'\uFF0D', "full-width hyphen-minus, use '-' instead"},
    {U'\u2212', "minus sign, use '-' instead"},
    {U'\uFF0A', "full-width asterisk, use '*' instead"},
    {U'\uFF0F', "full-width solidus, use '/' instead"},
    {U'\uFF1C', "full-width less-than sign, use '<' instead"},
    {U'\uFF1E', "full-width greater-than sign, use '>' instead"},
    {U'\uFF01', "full-width exclamation mark, use '!' instead"},
    {U'\uFF1F', "full-width question mark, use '?' instead"},
    {U'\u3010', "full-width bracket, use '[' instead"},
    {U'\u3011', "full-width bracket, use ']' instead"},
    {U'\uFF3B', "full-width bracket, use '[' instead"},
    {U'\uFF3D', "full-width bracket, use ']' instead"},
    {U'\uFF5B', "full-width brace, use '{' instead"},
    {U'\uFF5D', "full-width brace, use '}' instead"},
    {U'\uFF03', "full-width number sign, use '#' instead"},
    {U'\u00A0', "no-break space, use an ordinary space"},
    {U'\u200B', "zero-width space"},
    {U'\uFEFF', "zero-width no-break space"},
};

bool is_invisible(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0xA0) || (c >= 0x200B && c <= 0x200F) || c == 0x2028 || c == 0x2029 ||
         c == 0xFEFF;
}

// "unexpected 'X' (hint); " for a character that cannot begin any token, else "".
std::string unexpected(std::string_view text, std::size_t at) {
  if (at >= text.size()) {
    return "unexpected end of input; ";
  }
  const auto cp = decode(text, at);
  const auto shown = is_invisible(cp.value) ? fmt::format("U+{:04X}", static_cast<std::uint32_t>(cp.value))
                                            : fmt::format("'{}'", text.substr(at, cp.size));
  if (const auto* l = std::find_if(std::begin(lookalikes), std::end(lookalikes),
                                   [&](const lookalike& x) { return x.value == cp.value; });
      l != std::end(lookalikes)) {
    return fmt::format("unexpected {} ({}); ", shown, l->description);
  }
  if (cp.value >= 0xFF10 && cp.value <= 0xFF19) {
    return fmt::format("unexpected {} (full-width digit, use '{}' instead); ", shown,
                       static_cast<char>('0' + (cp.value - 0xFF10)));
  }
  if (starts_token(cp.value)) {
    return {};
  }
  return fmt::format("unexpected {}; ", shown);
}

// The end of the token at `at`, to underline it: a word, a number (with its exponent, if it was
// written with one), an escape sequence or one character; nothing at the end of a line or of
// the file.
std::size_t token_end(std::string_view text, std::size_t at) {
  if (at >= text.size() || text[at] == '\n' || text[at] == '\r') {
    return at;
  }
  auto cp = decode(text, at);
  if (is_identifier_first(cp.value)) {
    while (at < text.size() && (is_identifier_first(cp.value) || is_digit(cp.value))) {
      at += cp.size;
      cp = at < text.size() ? decode(text, at) : code_point{};
    }
    return at;
  }
  if (is_digit(cp.value)) {
    const auto digits = [&] {
      while (at < text.size() && (is_digit(static_cast<unsigned char>(text[at])) || text[at] == '.')) {
        ++at;
      }
    };
    digits();
    // A number written with an exponent (1e5, 2.5E-3) is refused whole, so underlined whole.
    auto exponent = at;
    if (exponent < text.size() && (text[exponent] == 'e' || text[exponent] == 'E')) {
      ++exponent;
      if (exponent < text.size() && (text[exponent] == '+' || text[exponent] == '-')) {
        ++exponent;
      }
      if (exponent < text.size() && is_digit(static_cast<unsigned char>(text[exponent]))) {
        at = exponent;
        digits();
      }
    }
    return at;
  }
  // An escape sequence: the backslash and the character after it.
  if (cp.value == '\\' && at + 1 < text.size() && text[at + 1] != '\n') {
    return at + 1 + decode(text, at + 1).size;
  }
  return at + cp.size;
}

diagnostic syntax_diagnostic(const actions::state& st, const actions::syntax_failure& f) {
  const auto text = st.text;
  diagnostic d{severity::error, st.file.path, {}, f.message, {}};
  if (f.span) {
    d.span = *f.span;
  } else if (f.string_begin) {
    d.span = st.span(*f.string_begin, f.offset);
  } else {
    // At the end of the file, point just after the last token rather than at an empty line.
    auto at = skip_separators(text, f.offset);
    if (at == text.size()) {
      at = f.offset;
    }
    const auto end = token_end(text, at);
    d.span = st.span(at, end);
    if (const auto pos = d.message.find("%s"); pos != std::string::npos) {
      d.message.replace(pos, 2, text.substr(at, end - at));
    }
    if (d.message.starts_with("expected")) {
      d.message.insert(0, unexpected(text, at));
    }
  }
  if (f.opener) {
    d.notes.push_back({st.span(*f.opener, *f.opener + 1), fmt::format("to match this '{}'", text[*f.opener])});
  }
  return d;
}

jixiao::unexpected<diagnostics> failed(diagnostic d) {
  return jixiao::unexpected<diagnostics>(diagnostics{std::move(d)});
}

}  // namespace

jixiao::expected<rule_file, diagnostics> parse(std::string text, std::string path) {
  if (const auto bad = first_invalid_utf8(text)) {
    const actions::line_index lines(text);
    return failed({severity::error,
                   path,
                   lines.span(*bad, *bad + 1),
                   fmt::format("invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8, not GBK",
                               static_cast<unsigned char>(text[*bad])),
                   {}});
  }
  actions::state st(text, path);
  try {
    pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf> in(text.data(), text.size(), path);
    // The top rule either matches the whole file or throws: every part of it is required.
    (void)pegtl::parse<grammar::file, actions::action, grammar::control>(in, st);
  } catch (const pegtl::parse_error& e) {
    // Only required rules throw, and the control records each before it does.
    const auto failure =
        st.failure.value_or(actions::syntax_failure{e.positions().front().byte, std::string(e.message()), {}, {}, {}});
    st.errors.push_back(syntax_diagnostic(st, failure));
  } catch (const std::exception& e) {
    st.errors.push_back({severity::error, path, {}, fmt::format("internal error: {}", e.what()), {}});
  }
  if (!st.errors.empty()) {
    std::stable_sort(st.errors.begin(), st.errors.end(),
                     [](const diagnostic& a, const diagnostic& b) { return a.span.begin < b.span.begin; });
    return jixiao::unexpected<diagnostics>(std::move(st.errors));
  }
  rule_file file = std::move(st.file);
  file.text = std::move(text);
  return file;
}

jixiao::expected<rule_file, diagnostics> parse_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return failed({severity::error, path, {}, "cannot read the rule file: it is a directory", {}});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return failed({severity::error,
                   path,
                   {},
                   fmt::format("cannot read the rule file: {}", std::generic_category().message(errno)),
                   {}});
  }
  // Rule files are a few KiB; the limit keeps a wrong path (a log, a dump) from being read
  // whole into memory and parsed.
  constexpr std::streamsize max_rule_file_bytes = 4 * 1024 * 1024;
  // Read in blocks up to the file's real size: a buffer of the limit, zero-filled for every
  // file, cost more than parsing the file.
  std::string text;
  char block[64 * 1024];
  while (in.read(block, sizeof block), in.gcount() > 0) {
    text.append(block, static_cast<std::size_t>(in.gcount()));
    if (static_cast<std::streamsize>(text.size()) > max_rule_file_bytes) break;
  }
  if (in.bad()) {
    return failed({severity::error, path, {}, "cannot read the rule file: read error", {}});
  }
  if (static_cast<std::streamsize>(text.size()) > max_rule_file_bytes) {
    return failed({severity::error, path, {}, "cannot read the rule file: over 4 MiB, and a rule file is a few KiB", {}});
  }
  return parse(std::move(text), path);
}

}  // namespace jixiao::dsl
