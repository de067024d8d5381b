#include "agents/firms.hpp"

#include <algorithm>

namespace aiplus::agents {

std::size_t Clusters::of(std::uint32_t firm) const {
  return static_cast<std::size_t>(std::upper_bound(begin.begin(), begin.end(), firm) -
                                  begin.begin()) -
         1;
}

void Firms::resize(std::uint32_t n) {
  count = n;
  for (auto* c : {&sector, &region, &ownership, &size, &segment}) c->assign(n, 0);
  for (auto* c : {&employees, &output, &cost_scale, &digitization, &skill_fill, &capability})
    c->assign(n, 0.0f);
  stage = core::Buffered<std::uint8_t>(n, 0);
  changed.assign(n, kNever);
  adopted_partners.assign(n, 0);
  voucher_slot.assign(n, 0);
}

std::size_t Firms::memory_bytes() const noexcept {
  return static_cast<std::size_t>(count) * (5 * sizeof(std::uint8_t) + 6 * sizeof(float) +
                                            2 * sizeof(std::uint16_t) + sizeof(std::uint32_t)) +
         stage.memory_bytes();
}

}  // namespace aiplus::agents
