// The categories that describe a firm: sector, macro-region, ownership and size
// class, with their names as they appear in configs and outputs.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace aiplus::agents {

inline constexpr std::size_t kSectors = 12;
inline constexpr std::size_t kRegions = 4;
inline constexpr std::size_t kOwnerships = 4;
inline constexpr std::size_t kSizes = 4;
/// Segments of the outputs: sector x ownership x size class.
inline constexpr std::size_t kSegments = kSectors * kOwnerships * kSizes;

/// Sectors: the directive's priority sectors and the rest of the economy.
inline const std::array<std::string, kSectors> kSectorNames = {
    "agriculture",         "manufacturing", "construction",      "utilities",
    "transport_logistics", "finance",       "business_services", "ict",
    "consumer_services",   "healthcare",    "education",         "science_research"};
/// Sectors whose gains scale with consumer demand (directive section 3).
inline constexpr std::array<bool, kSectors> kConsumerFacing = {
    false, false, false, false, false, true, false, false, true, true, true, false};
/// Sectors that serve or supply the public sector (directive section 5).
inline constexpr std::array<bool, kSectors> kPublicFacing = {false, false, true,  true, true, false,
                                                             false, true,  false, true, true, true};
/// Industrial sectors, which struggle to hire AI talent (directive section 7D).
inline constexpr std::array<bool, kSectors> kIndustrial = {
    false, true, true, true, false, false, false, false, false, false, false, false};
inline constexpr std::uint8_t kHealthcare = 9;

inline const std::array<std::string, kRegions> kRegionNames = {"east", "central", "west",
                                                               "northeast"};

enum Ownership : std::uint8_t { kCentralSoe = 0, kLocalSoe = 1, kPrivate = 2, kForeign = 3 };
inline const std::array<std::string, kOwnerships> kOwnershipNames = {"central_soe", "local_soe",
                                                                     "private", "foreign"};

enum SizeClass : std::uint8_t { kMicro = 0, kSmall = 1, kMedium = 2, kLarge = 3 };
inline const std::array<std::string, kSizes> kSizeNames = {"micro", "small", "medium", "large"};

/// The most employment bands /bands reports (edges + 1).
inline constexpr std::size_t kMaxBands = 8;

/// AI stages: 0 none, 1 pilot, 2 deployed in part of the business, 3 integrated.
inline const std::array<std::string, 4> kStageNames = {"none", "pilot", "deployed", "integrated"};

[[nodiscard]] constexpr bool is_soe(std::uint8_t ownership) noexcept {
  return ownership <= kLocalSoe;
}
[[nodiscard]] constexpr bool is_sme(std::uint8_t size) noexcept {
  return size != kLarge;
}

/// A hub of its cluster: an SOE or a large firm (the network redirects links to them).
[[nodiscard]] constexpr bool is_hub(std::uint8_t ownership, std::uint8_t size) noexcept {
  return is_soe(ownership) || size == kLarge;
}
/// (region, sector) clusters: the network's local pools.
inline constexpr std::size_t kClusters = kRegions * kSectors;
/// The (region, sector) cluster of a firm.
[[nodiscard]] constexpr std::size_t cluster_of(std::uint8_t region, std::uint8_t sector) noexcept {
  return static_cast<std::size_t>(region) * kSectors + sector;
}

/// Skills-market priority tier: 0 SOEs and large firms, 1 medium, 2 small and micro.
[[nodiscard]] constexpr std::uint8_t tier(std::uint8_t ownership, std::uint8_t size) noexcept {
  if (is_hub(ownership, size)) return 0;
  return size == kMedium ? 1 : 2;
}
inline constexpr std::size_t kTiers = 3;

/// A firm's cell of the skills market: its region's row, its tier's column.
[[nodiscard]] constexpr std::size_t tier_cell(std::uint8_t region, std::uint8_t ownership,
                                              std::uint8_t size) noexcept {
  return region * kTiers + tier(ownership, size);
}

/// Output segment of a firm.
[[nodiscard]] constexpr std::uint8_t segment_of(std::uint8_t sector, std::uint8_t ownership,
                                                std::uint8_t size) noexcept {
  return static_cast<std::uint8_t>((sector * kOwnerships + ownership) * kSizes + size);
}

/// Names as a vector, for config labels and choices.
template <std::size_t N>
[[nodiscard]] std::vector<std::string> names(const std::array<std::string, N>& list) {
  return {list.begin(), list.end()};
}

}  // namespace aiplus::agents
