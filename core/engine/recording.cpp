#include "core/engine/recording.hpp"

#include <algorithm>

namespace aiplus::core {
namespace {

std::size_t bytes_per_value(ColumnView::Type type) {
  switch (type) {
    case ColumnView::Type::U8:
      return 1;
    case ColumnView::Type::U16:
      return 2;
    case ColumnView::Type::U32:
    case ColumnView::Type::F32:
      return 4;
  }
  return 1;
}

std::vector<StoredColumn> store(const Columns& columns) {
  std::vector<StoredColumn> out;
  for (const auto& c : columns) {
    const auto* first = static_cast<const unsigned char*>(c.data);
    out.push_back({c.name, c.units, c.long_name, c.type,
                   std::vector<unsigned char>(first, first + c.size * bytes_per_value(c.type)),
                   c.size, c.labels});
  }
  return out;
}

Columns views(const std::vector<StoredColumn>& columns) {
  Columns out;
  for (const auto& c : columns) out.push_back(c.view());
  return out;
}

}  // namespace

void Recording::begin(const RunInfo& info, const std::vector<GroupInfo>& groups) {
  info_ = info;
  kept_.clear(), groups_.clear(), frames_.clear(), attributes_.clear(), snapshots_.clear();
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (!keep_.empty() && std::find(keep_.begin(), keep_.end(), groups[g].name) == keep_.end())
      continue;
    kept_.push_back(g);
    groups_.push_back(groups[g]);
  }
}

void Recording::write(std::uint32_t, const Frame& frame) {
  Frame mine;
  for (const auto g : kept_) mine.push_back(frame[g]);
  frames_.push_back(std::move(mine));
}

void Recording::write_panel(std::uint32_t step, const Columns& attributes, const Columns& state) {
  if (attributes_.empty()) attributes_ = store(attributes);
  snapshots_.push_back({step, store(state)});
}

void Recording::end(bool complete, const Summary& summary) {
  complete_ = complete;
  summary_ = summary;
}

void Recording::replay(Sink& sink) const {
  sink.begin(info_, groups_);
  const auto attributes = views(attributes_);
  std::size_t next = 0;
  for (std::uint32_t step = 0; step < frames_.size(); ++step) {
    sink.write(step, frames_[step]);
    for (; next < snapshots_.size() && snapshots_[next].step == step; ++next)
      sink.write_panel(step, attributes, views(snapshots_[next].state));
  }
  sink.end(complete_, summary_);
}

}  // namespace aiplus::core
