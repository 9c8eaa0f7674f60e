#include "engine/assembly.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <optional>

#include "dsl/parser.hpp"

namespace jixiao::engine {
namespace {

namespace fs = std::filesystem;

// What a declaration defines: its kind and name. `include` and `remove` define nothing.
struct key {
  dsl::declaration_kind kind;
  std::string name;
  bool operator==(const key&) const = default;
};

std::optional<key> key_of(const dsl::declaration& d) {
  using dsl::declaration_kind;
  return std::visit(
      [](const auto& x) -> std::optional<key> {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, dsl::let_decl>) return key{declaration_kind::let, x.name};
        if constexpr (std::is_same_v<T, dsl::rule_decl>)
          return key{x.is_group ? declaration_kind::group : declaration_kind::rule, x.name};
        if constexpr (std::is_same_v<T, dsl::table_decl>) return key{declaration_kind::table, x.name};
        if constexpr (std::is_same_v<T, dsl::check_decl>) return key{declaration_kind::check, x.id};
        if constexpr (std::is_same_v<T, dsl::grade_decl>) return key{declaration_kind::grade, ""};
        if constexpr (std::is_same_v<T, dsl::budget_decl>)
          return key{x.target == dsl::budget_target::rate ? declaration_kind::budget_rate : declaration_kind::budget_score, ""};
        return std::nullopt;
      },
      d);
}

std::string describe(const key& k) {
  switch (k.kind) {
    case dsl::declaration_kind::rule: return fmt::format("rule '{}'", k.name);
    case dsl::declaration_kind::group: return fmt::format("group '{}'", k.name);
    case dsl::declaration_kind::let: return fmt::format("let '{}'", k.name);
    case dsl::declaration_kind::table: return fmt::format("table '{}'", k.name);
    case dsl::declaration_kind::grade: return "the grade table";
    case dsl::declaration_kind::budget_rate: return "'budget rate'";
    case dsl::declaration_kind::budget_score: return "'budget score'";
    case dsl::declaration_kind::check: return fmt::format("check '{}'", k.name);
  }
  return "a declaration";
}

bool is_override(const dsl::declaration& d) {
  return std::visit(
      [](const auto& x) {
        if constexpr (requires { x.is_override; }) return x.is_override;
        return false;
      },
      d);
}

const std::optional<dsl::placement>* position_of(const dsl::declaration& d) {
  if (const auto* r = std::get_if<dsl::rule_decl>(&d)) return &r->position;
  return nullptr;
}

dsl::source_span span_of(const dsl::declaration& d) {
  return std::visit([](const auto& x) { return x.span; }, d);
}

std::string location(const sourced_declaration& s) {
  auto span = span_of(*s.declaration);
  return fmt::format("{}:{}:{}", s.file->path, span.line, span.column);
}

std::string canonical(const std::string& path) {
  std::error_code ec;
  auto p = fs::weakly_canonical(fs::path(path), ec);
  return ec ? path : p.generic_string();
}

class assembler {
public:
  expected<assembled_ruleset, dsl::diagnostics> run(const std::string& path);

private:
  struct entry {
    sourced_declaration source;
    key id;
    bool inherited = false;
  };

  const dsl::rule_file* load(const std::string& path, const dsl::rule_file* from, const dsl::source_span& span);
  void ruleset(const dsl::rule_file& file, std::vector<entry>& out);
  void declarations(const dsl::rule_file& file, std::vector<entry>& out);
  void apply(const dsl::rule_file& file, const dsl::declaration& d, std::vector<entry>& out);
  std::string relative(const dsl::rule_file& from, const std::string& target) const {
    return (fs::path(from.path).parent_path() / target).lexically_normal().generic_string();
  }
  void error(const dsl::rule_file& file, const dsl::source_span& span, std::string message) {
    m_errors.push_back({dsl::severity::error, file.path, span, std::move(message), {}});
  }

  assembled_ruleset m_out;
  dsl::diagnostics m_errors;
  std::vector<std::string> m_stack;  // canonical paths being read: extends and includes in progress
  std::vector<std::string> m_ancestry;
};

const dsl::rule_file* assembler::load(const std::string& path, const dsl::rule_file* from, const dsl::source_span& span) {
  auto parsed = dsl::parse_file(path);
  if (!parsed) {
    if (from && parsed.error().size() == 1 && parsed.error().front().span.line == 0)
      error(*from, span, parsed.error().front().message + ": " + path);
    else
      m_errors.insert(m_errors.end(), parsed.error().begin(), parsed.error().end());
    return nullptr;
  }
  m_out.files.push_back(std::make_unique<const dsl::rule_file>(std::move(*parsed)));
  return m_out.files.back().get();
}

void assembler::ruleset(const dsl::rule_file& file, std::vector<entry>& out) {
  const auto& h = file.header;
  if (h.extends) {
    auto parent_path = relative(file, *h.extends);
    auto id = canonical(parent_path);
    if (std::find(m_stack.begin(), m_stack.end(), id) != m_stack.end()) {
      std::string cycle;
      for (const auto& p : m_stack) cycle += p + " → ";
      error(file, h.extends_span, fmt::format("inheritance cycle: {}{}", cycle, id));
      return;
    }
    const auto* parent = load(parent_path, &file, h.extends_span);
    if (!parent) return;
    if (parent->header.kind != dsl::file_kind::ruleset) {
      error(file, h.extends_span, fmt::format("{} is a library, not a rule set; include it instead", parent_path));
      return;
    }
    m_ancestry.push_back(parent->header.id);
    m_stack.push_back(id);
    ruleset(*parent, out);
    m_stack.pop_back();
    for (auto& e : out) e.inherited = true;
  }
  declarations(file, out);
}

void assembler::declarations(const dsl::rule_file& file, std::vector<entry>& out) {
  for (const auto& d : file.declarations) apply(file, d, out);
}

void assembler::apply(const dsl::rule_file& file, const dsl::declaration& d, std::vector<entry>& out) {
  if (const auto* inc = std::get_if<dsl::include_decl>(&d)) {
    auto path = relative(file, inc->path);
    auto id = canonical(path);
    if (std::find(m_stack.begin(), m_stack.end(), id) != m_stack.end()) {
      error(file, inc->path_span, fmt::format("{} includes itself (through {})", path, m_stack.back()));
      return;
    }
    const auto* lib = load(path, &file, inc->path_span);
    if (!lib) return;
    if (lib->header.kind != dsl::file_kind::library) {
      error(file, inc->path_span, fmt::format("{} is a rule set; a rule set is extended, only a library is included", path));
      return;
    }
    m_stack.push_back(id);
    declarations(*lib, out);
    m_stack.pop_back();
    return;
  }
  auto find = [&](const key& k) {
    return std::find_if(out.begin(), out.end(), [&](const entry& e) { return e.id == k; });
  };
  if (const auto* rm = std::get_if<dsl::remove_decl>(&d)) {
    key k{rm->kind, rm->name};
    auto it = find(k);
    if (it == out.end()) {
      error(file, rm->span, fmt::format("cannot remove {}: {}", describe(k),
                                        file.header.extends ? "the rule sets this one extends do not define it"
                                                            : "it is not defined"));
      return;
    }
    out.erase(it);
    return;
  }
  key k = *key_of(d);
  entry e{{&file, &d}, k, false};
  auto existing = find(k);
  // `check ID severity LEVEL` keeps the check where it is and changes only its severity.
  if (const auto* c = std::get_if<dsl::check_decl>(&d); c && c->severity_only) {
    if (existing == out.end()) {
      error(file, c->span, fmt::format("cannot change the severity of {}: it is not defined (include the library "
                                       "that defines it first)",
                                       describe(k)));
      return;
    }
    existing->source.severity = c;
    existing->source.severity_file = &file;
    return;
  }
  if (is_override(d)) {
    if (existing == out.end()) {
      error(file, span_of(d), fmt::format("cannot override {}: {}", describe(k),
                                          file.header.extends ? "the rule sets this one extends do not define it"
                                                              : "this rule set extends none"));
      return;
    }
    *existing = e;
  } else if (existing != out.end() && existing->inherited) {
    error(file, span_of(d), fmt::format("{} is already defined at {}; write 'override' to replace it", describe(k),
                                        location(existing->source)));
    return;
  } else if (const auto* pos = position_of(d); pos && *pos) {
    // A new rule placed among the inherited ones.
    key anchor{k.kind, (*pos)->anchor};
    auto at = find(anchor);
    if (at == out.end()) {
      error(file, (*pos)->anchor_span, fmt::format("no {} to place {} {}", describe(anchor), describe(k),
                                                   (*pos)->before ? "before" : "after"));
      return;
    }
    out.insert((*pos)->before ? at : at + 1, e);
    return;
  } else {
    out.push_back(e);
    return;
  }
  // An override may also move the rule it replaces.
  if (const auto* pos = position_of(d); pos && *pos) {
    auto self = find(k);
    entry moved = *self;
    out.erase(self);
    key anchor{k.kind, (*pos)->anchor};
    auto at = find(anchor);
    if (at == out.end()) {
      error(file, (*pos)->anchor_span, fmt::format("no {} to place {} {}", describe(anchor), describe(k),
                                                   (*pos)->before ? "before" : "after"));
      out.push_back(moved);
      return;
    }
    out.insert((*pos)->before ? at : at + 1, moved);
  }
}

expected<assembled_ruleset, dsl::diagnostics> assembler::run(const std::string& path) {
  const auto* main = load(path, nullptr, {});
  if (!main) return unexpected(std::move(m_errors));
  if (main->header.kind != dsl::file_kind::ruleset) {
    error(*main, main->header.span, fmt::format("{} is a library of shared declarations, not a rule set", path));
    return unexpected(std::move(m_errors));
  }
  m_out.main = main;
  m_stack.push_back(canonical(path));
  std::vector<entry> effective;
  ruleset(*main, effective);
  if (!m_errors.empty()) return unexpected(std::move(m_errors));
  for (const auto& e : effective) m_out.declarations.push_back(e.source);
  m_out.ancestry = std::move(m_ancestry);
  m_out.sha256 = sources_sha256(m_out.files);
  return std::move(m_out);
}

}  // namespace

std::string sources_sha256(const std::vector<std::unique_ptr<const dsl::rule_file>>& files) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  for (const auto& f : files) {
    auto frame = fmt::format("{}:", f->text.size());
    EVP_DigestUpdate(ctx, frame.data(), frame.size());
    EVP_DigestUpdate(ctx, f->text.data(), f->text.size());
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx, digest, &length);
  EVP_MD_CTX_free(ctx);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

expected<assembled_ruleset, dsl::diagnostics> assemble(const std::string& path) { return assembler().run(path); }

}  // namespace jixiao::engine
