// The firm table: one column per attribute (structure of arrays). Static
// attributes never change after synthesis; state columns change every step.
// Firms are stored sorted by region, then sector, then hub rank, so that the
// firms of one cluster sit together in memory and in the partner network.
#pragma once

#include <cstdint>
#include <vector>

#include "core/columns.hpp"

namespace aiplus::agents {

/// Month value of a firm that never changed stage.
inline constexpr std::uint16_t kNever = 0xFFFF;

/// Where each (region, sector) cluster lies in the firm order.
struct Clusters {
  std::vector<std::uint32_t>
      begin;  ///< first firm of cluster k = region * kSectors + sector; size clusters + 1
  std::vector<std::uint32_t>
      hub_end;  ///< end of the cluster's hubs (SOEs and large firms, stored first)
  /// Cluster of firm i.
  [[nodiscard]] std::size_t of(std::uint32_t firm) const;
};

/// Every firm's attributes and state.
struct Firms {
  std::uint32_t count = 0;
  // Static attributes.
  core::Column<std::uint8_t> sector, region, ownership, size, segment;
  core::Column<float> employees;
  core::Column<float> output;      ///< baseline value added, kCNY per month
  core::Column<float> cost_scale;  ///< integration cost relative to a 10-employee firm
  // State.
  core::Buffered<std::uint8_t>
      stage;                         ///< AI stage 0..3; partners read it, so it is double-buffered
  core::Column<float> digitization;  ///< d
  core::Column<float> skill_fill;    ///< h
  core::Column<float> capability;    ///< c, in frontier units
  core::Column<std::uint16_t> changed;           ///< month of the last stage change, or kNever
  core::Column<std::uint32_t> adopted_partners;  ///< partners at stage >= 1, end of last step
  core::Column<std::uint16_t> voucher_slot;      ///< subsidy slot drawn for the coming step

  /// Allocates every column for n firms.
  void resize(std::uint32_t n);
  /// Bytes held by the columns.
  [[nodiscard]] std::size_t memory_bytes() const noexcept;
};

}  // namespace aiplus::agents
