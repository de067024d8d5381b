#include "agents/firm_kind.hpp"

#include "agents/firm_model.hpp"
#include "agents/metrics.hpp"

namespace aiplus::agents {

ModelKind firm_model_kind() {
  return {"firms",
          "heterogeneous firms under the directive's levers: stages, digitization, skills, "
          "vouchers, partners",
          [](core::Schema& s) { firm_bindings().add_to(s, {"firms"}); },
          [](const core::Config& c) { return core::infos(firm_tables(read_firm_params(c))); },
          [](const core::Config& c) { (void)read_firm_params(c); },
          [](const core::Config& c) -> std::unique_ptr<core::Model> {
            return std::make_unique<FirmModel>(read_firm_params(c));
          },
          [](const core::Config& c) {
            // The columns, 4 bytes per link end and 8 of CSR offsets, the newcomer
            // lists, and the synthesis sort's order and one scratch column at the peak.
            const auto p = read_firm_params(c);
            const double link_ends =
                p.network.mixing.complete() ? 0.0 : 4.0 * p.network.mixing.partners;
            const double per_firm =
                static_cast<double>(Firms::bytes_per_firm()) + 8 + 4 + 8 + link_ends;
            return p.run.firms * per_firm + 64.0 * (1 << 20);
          },
          firm_panel_info};
}

}  // namespace aiplus::agents
