// Inside the agents layer: the key rows of FirmParams, one function per section of the
// scenario file, which firm_bindings() puts together in the order `aiplus params` lists.
#pragma once

#include "agents/firm_params.hpp"
#include "core/config/bindings.hpp"

namespace aiplus::agents {

using Rows = core::Bindings<FirmParams>;

void decision_rows(Rows& b);  // consideration, economics
void growth_rows(Rows& b);    // capability, productivity, the macro economy
void compute_rows(Rows& b);
void skills_rows(Rows& b);
void network_rows(Rows& b);
void cost_rows(Rows& b);

}  // namespace aiplus::agents
