// The firm table: one column per attribute (structure of arrays). Static
// attributes never change after synthesis; state columns change every step.
// Firms are stored sorted by region, then sector, then hub rank and segment, so
// that the firms of one cluster sit together in memory and in the partner network.
//
// A column is declared once, in Firms::each_column: allocation, memory estimates,
// the synthesis sort and panel snapshots all walk that list.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "agents/taxonomy.hpp"
#include "core/engine/columns.hpp"

namespace aiplus::agents {

/// Month value of a firm that never changed stage.
inline constexpr std::uint16_t kNever = 0xFFFF;

/// Where each (region, sector) cluster lies in the firm order, and the runs of
/// agents of one segment within it (all of one design weight).
struct Clusters {
  std::vector<std::uint32_t>
      begin;  ///< first firm of cluster k = region * kSectors + sector; size clusters + 1
  std::vector<std::uint32_t>
      hub_end;  ///< end of the cluster's hubs (SOEs and large firms, stored first)
  std::vector<std::uint32_t> run_begin;  ///< first agent of each run; the last entry is n
  std::vector<double> firms_before;      ///< real firms the agents before each run stand for
  /// Cluster of firm i.
  [[nodiscard]] std::size_t of(std::uint32_t firm) const;
  /// An agent of [first, end), bounds of runs, drawn in proportion to the real firms it
  /// stands for, from u in [0, 1): a uniform draw among the real firms of the range.
  /// Returns end when the range stands for no firm.
  [[nodiscard]] std::uint32_t draw(std::uint32_t first, std::uint32_t end, double u) const;
};

/// What a firm column holds, for panel snapshots.
enum class ColumnRole {
  Attribute,  ///< static: written once per panel, along (firm)
  State,      ///< changes: written at each snapshot, along (time, firm)
  Internal,   ///< working data of the step, not written
};

/// The description of one firm column.
struct ColumnMeta {
  const char* name;  ///< panel dataset name
  const char* units;
  const char* long_name;
  ColumnRole role;
  double initial = 0;  ///< value after allocation
  std::span<const std::string> labels =
      {};  ///< meanings of codes 0, 1, ... of a categorical column
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
  core::Buffered<std::uint8_t> stage;   ///< AI stage 0..3; partners read it, so double-buffered
  core::Column<float> digitization;     ///< d
  core::Column<float> skill_fill;       ///< h
  core::Column<float> capability;       ///< c, in frontier units
  core::Column<std::uint16_t> changed;  ///< month of the last stage change, or kNever
  core::Column<std::uint32_t>
      adopted_partners;  ///< partners the firm chose at stage >= 1, end of last step
  core::Column<std::uint32_t> chosen_partners;  ///< partners the firm chose (static)
  core::Column<std::uint16_t> voucher_slot;     ///< subsidy slot drawn for the coming step

  /// Calls visit(column, meta) for every column (a core::Column or core::Buffered).
  template <class Self, class Visit>
  static void each_column(Self& f, Visit&& visit) {
    using R = ColumnRole;
    visit(f.sector, ColumnMeta{"sector", "1", "sector code", R::Attribute, 0, kSectorNames});
    visit(f.region, ColumnMeta{"region", "1", "macro-region code", R::Attribute, 0, kRegionNames});
    visit(f.ownership,
          ColumnMeta{"ownership", "1", "ownership code", R::Attribute, 0, kOwnershipNames});
    visit(f.size, ColumnMeta{"size_class", "1", "size class code", R::Attribute, 0, kSizeNames});
    visit(f.segment, ColumnMeta{"segment", "1", "output segment", R::Internal});
    visit(f.employees, ColumnMeta{"employees", "persons", "employees", R::Attribute});
    visit(f.output, ColumnMeta{"baseline_output", "kCNY/month",
                               "value added without AI at start-month productivity", R::Attribute});
    visit(f.cost_scale, ColumnMeta{"cost_scale", "1", "integration cost scale", R::Internal});
    visit(f.stage, ColumnMeta{"stage", "1", "AI stage: 0 none, 1 pilot, 2 deployed, 3 integrated",
                              R::State, 0, kStageNames});
    visit(f.digitization, ColumnMeta{"digitization", "1", "digitization d", R::State});
    visit(f.skill_fill,
          ColumnMeta{"skill_fill", "1", "share of needed AI engineers hired, h", R::State});
    visit(f.capability,
          ColumnMeta{"capability", "frontier units",
                     "absorbed AI capability c (frontier units: F = 1 in 2025-01)", R::State});
    visit(f.changed,
          ColumnMeta{"changed", "months", "month of the last stage change", R::Internal, kNever});
    visit(f.adopted_partners, ColumnMeta{"adopted_partners", "firms",
                                         "partners the firm chose that have adopted", R::Internal});
    visit(f.chosen_partners,
          ColumnMeta{"chosen_partners", "firms", "partners the firm chose", R::Internal});
    visit(f.voucher_slot, ColumnMeta{"voucher_slot", "1", "voucher lottery slot", R::Internal});
  }

  /// Allocates every column for n firms, each filled with its initial value.
  void resize(std::uint32_t n);
  /// Moves firm i to position order[i] in every column.
  void permute(const std::vector<std::uint32_t>& order);
  /// Bytes held by the columns.
  [[nodiscard]] std::size_t memory_bytes() const noexcept;
  /// Bytes a firm takes in the columns.
  [[nodiscard]] static std::size_t bytes_per_firm();
};

}  // namespace aiplus::agents
