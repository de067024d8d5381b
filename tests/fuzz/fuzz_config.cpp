// libFuzzer target for the config loader: any bytes, read as a scenario file, must
// either load or be refused with a located ConfigError; nothing else may escape.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agents/scenario.hpp"
#include "core/config/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto config = aiplus::core::Config::parse(aiplus::agents::schema(), text, "fuzz.toml");
    aiplus::agents::check(config);
    (void)aiplus::agents::panel_rows(config);
    const auto again =
        aiplus::core::Config::parse(aiplus::agents::schema(), config.to_toml(), "resolved.toml");
    (void)again;
  } catch (const aiplus::core::ConfigError& e) {
    if (e.diagnostics().empty()) __builtin_trap();  // a refusal must say where and why
  }
  return 0;
}
