// The registry of model kinds: adding a model is one entry here plus its own files.
#include "agents/bass.hpp"
#include "agents/firm_kind.hpp"
#include "agents/scenario.hpp"

namespace aiplus::agents {

const std::vector<ModelKind>& model_kinds() {
  static const std::vector<ModelKind> kinds = {firm_model_kind(), bass_model_kind()};
  return kinds;
}

}  // namespace aiplus::agents
