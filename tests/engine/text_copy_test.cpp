// How the loader copies cells out of the document (engine/form_loader.cpp): a text without
// escapes is tested and copied in one or two 16-byte blocks that read past it into the rest of
// the document and its padding, a short figure is copied as one block, and level-1 labels are
// split through a per-thread memo. These tests pin that every length and every place of an
// escape gives the exact text, into a form whose strings held shorter and longer texts before,
// whatever bytes follow the document, and that the memo gives each label its own split.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/form.hpp"

namespace {

using jixiao::decimal;
using jixiao::engine::form;
using jixiao::engine::load_form;
using jixiao::engine::load_form_padded_into;

std::string form_with(const std::vector<std::string>& indicators) {
  std::string json = R"({"schema": "jixiao.form/1", "year": 2021, "jurisdiction": "北京", "indicators": [)";
  for (std::size_t i = 0; i < indicators.size(); ++i) json += (i == 0 ? "{" : ", {") + indicators[i] + "}";
  return json + "]}";
}

// Loads `json` into `reused` from a buffer whose padding holds `filler`, the bytes a copy that
// reads past the document would see; fails the test with the loader's message otherwise.
void load_into(const std::string& json, char filler, form& reused) {
  std::string buffer = json;
  buffer.append(64, filler);
  const auto done = load_form_padded_into(std::string_view(buffer.data(), json.size()), buffer.size(), "t.json", reused);
  if (!done) FAIL(jixiao::engine::to_string(done.error()));
}

// A text of `size` bytes: ASCII letters, with a three-byte character (知) where one fits, so
// that block edges fall inside characters too.
std::string text_of(std::size_t size) {
  std::string text;
  while (text.size() < size) text += (size - text.size() >= 3 && text.size() % 7 == 2) ? "知" : "x";
  return text;
}

}  // namespace

TEST_CASE("plain text cells of every length are copied exactly into reused strings", "[form][text]") {
  // Before each length, the same form object holds texts of other lengths (in place, and on the
  // heap when they are longer than 15 bytes), so that the copy meets every capacity.
  form reused;
  const std::vector<std::size_t> before = {0, 15, 16, 31, 32, 33, 70};
  for (std::size_t size = 0; size <= 70; ++size) {
    for (const std::size_t earlier : before) {
      for (const char filler : {'\\', '"', ' '}) {
        INFO("text of " << size << " bytes after " << earlier << ", padding '" << filler << "'");
        const std::string old_text = text_of(earlier);
        load_into(form_with({R"("name": ")" + old_text + R"(", "target": ")" + old_text + "\""}), filler, reused);
        const std::string text = text_of(size);
        // The next field starts with an escape, which the copy's last block may read.
        const std::string fields = R"("name": ")" + text + R"(", "target": "\\)" + text + R"(", "actual": ")" + text +
                                   R"(", "level2": "  )" + text + R"( ", "reason": ")" + text + "\"";
        load_into(form_with({fields}), filler, reused);
        const auto& item = reused.indicators.at(0);
        CHECK(item.name == text);
        CHECK(item.target == "\\" + text);
        CHECK(item.actual == text);
        CHECK(item.level2 == text);
        CHECK(item.reason == text);
        CHECK(item.op.empty());
        CHECK(item.unit.empty());
      }
    }
  }
}

TEST_CASE("an escape at any place in a cell of up to 70 bytes is decoded", "[form][text]") {
  // Escapes in the first and the second block, across the two overlapping blocks of a 17- to
  // 32-byte text, and past 32 bytes; in text cells and in trimmed labels; into a reused form.
  form reused;
  for (std::size_t size = 1; size <= 70; ++size) {
    for (std::size_t at = 0; at < size; ++at) {
      INFO("escape at byte " << at << " of " << size);
      const std::string head(at, 'a');
      const std::string tail(size - at - 1, 'b');
      const std::string fields = R"("name": ")" + head + R"(\n)" + tail + R"(", "level2": " )" + head + R"(\u6570)" +
                                 tail + R"(", "unit": ")" + head + R"(\\)" + tail + "\"";
      load_into(form_with({fields}), '\\', reused);
      const auto& item = reused.indicators.at(0);
      CHECK(item.name == head + "\n" + tail);
      CHECK(item.level2 == head + "数" + tail);
      CHECK(item.unit == head + "\\" + tail);
      // A fresh load reads the same.
      const auto fresh = load_form(form_with({fields}), "t.json");
      REQUIRE(fresh.has_value());
      CHECK(fresh->indicators.at(0).name == item.name);
      CHECK(fresh->indicators.at(0).level2 == item.level2);
    }
  }
}

TEST_CASE("labels trimmed of spaces keep what lies between them", "[form][text]") {
  form reused;
  const std::vector<std::pair<std::string, std::string>> labels = {
      {"数量指标", "数量指标"},
      {"  数量指标  ", "数量指标"},
      {"\u3000数量指标\u3000", "数量指标"},
      {"\u00a0数量指标", "数量指标"},
      {"   ", ""},
      {"", ""},
      {"数量 指标", "数量 指标"},
      {" " + text_of(40) + " ", text_of(40)},
  };
  for (const auto& [written, kept] : labels) {
    INFO("level2 written as \"" << written << "\"");
    load_into(form_with({R"("level2": ")" + written + "\""}), '\\', reused);
    CHECK(reused.indicators.at(0).level2 == kept);
  }
}

TEST_CASE("figures of every length keep their text", "[form][number]") {
  form reused;
  for (std::size_t digits = 1; digits <= 18; ++digits) {
    const std::string whole(digits, '7');
    const std::string fraction = digits > 1 ? whole.substr(0, digits - 1) + "." + whole.substr(digits - 1) : whole;
    for (const std::string& text : {whole, fraction, fraction + "%"}) {
      INFO("figure " << text);
      const bool percent = text.ends_with('%');
      // As a JSON number where JSON allows it, and always as a string.
      const std::string token = percent ? "\"" + text + "\"" : text;
      load_into(form_with({R"("weight": )" + token + R"(, "score": ")" + text + "\""}), '9', reused);
      const auto& item = reused.indicators.at(0);
      CHECK(item.weight.text == text);
      CHECK(item.score.text == text);
      const auto value = decimal::parse(percent ? std::string_view(text).substr(0, text.size() - 1) : text);
      REQUIRE(value.has_value());
      const decimal expected = percent ? *value / decimal::from_int(100) : *value;
      CHECK(item.weight.value == expected);
      CHECK(item.score.value == expected);
    }
  }
}

TEST_CASE("the level-1 memo gives each label its own split", "[form][level1]") {
  // More labels than the memo holds, in runs and alternating, over several forms in one thread,
  // so that the label found last, the search and the replacement of old labels all take part.
  std::vector<std::pair<std::string, std::optional<int>>> labels;
  for (int k = 1; k <= 6; ++k) {
    labels.push_back({"指标" + std::to_string(k) + "（" + std::to_string(10 * k) + "分）", 10 * k});
    labels.push_back({"指标" + std::to_string(k), std::nullopt});
  }
  form reused;
  for (std::size_t round = 0; round < 5; ++round) {
    std::vector<std::string> indicators;
    std::vector<std::size_t> chosen;
    for (std::size_t i = 0; i < 30; ++i) {
      const std::size_t pick = round % 2 == 0 ? (i / 3 + round) % labels.size() : (i * 7 + round) % labels.size();
      chosen.push_back(pick);
      indicators.push_back(R"("level1": ")" + labels[pick].first + R"(", "name": "n)" + std::to_string(i) + "\"");
    }
    load_into(form_with(indicators), '\\', reused);
    REQUIRE(reused.indicators.size() == chosen.size());
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      INFO("round " << round << ", indicator " << i << ": " << labels[chosen[i]].first);
      const auto& item = reused.indicators[i];
      const auto& [label, points] = labels[chosen[i]];
      CHECK(item.level1 == "指标" + std::to_string(chosen[i] / 2 + 1));
      if (points) {
        REQUIRE(item.level1_weight.has_value());
        CHECK(*item.level1_weight == decimal::from_int(*points));
      } else {
        CHECK_FALSE(item.level1_weight.has_value());
      }
    }
  }
}
