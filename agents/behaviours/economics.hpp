// Economics of moving up an AI stage (docs/MODEL.md section 7.9): expected monthly gain
// against one-time cost, turned into a monthly step-up probability.
#pragma once

#include <algorithm>
#include <cmath>

namespace aiplus::agents {

/// What a firm weighs when it considers its next stage. Money in kCNY.
struct StepCase {
  double monthly_output;  ///< value added per month
  double ai_gain;         ///< gamma of its sector: share of output saved at full use of F = 1
  double weight_step;     ///< w(S + 1) - w(S)
  double expected_use;    ///< effective use e it expects with the engineers it can hire
  double frontier;        ///< F(t)
  double demand;          ///< demand multiplier (consumption, procurement)
  double data;            ///< data multiplier
  double extra_compute;   ///< added compute cost per month at the next stage
  double one_time_cost;   ///< integration and compliance, less any voucher
  double payback_months;
};

/// Expected added value per month of the next stage.
[[nodiscard]] constexpr double monthly_gain(const StepCase& c) noexcept {
  return c.monthly_output * c.ai_gain * c.weight_step * c.expected_use * c.frontier * c.demand *
         c.data;
}

/// Return on the one-time cost over the payback horizon: value / cost - 1.
[[nodiscard]] inline double step_return(const StepCase& c) noexcept {
  const double value = c.payback_months * (monthly_gain(c) - c.extra_compute);
  return value / std::max(c.one_time_cost, 1e-9) - 1.0;
}

/// Monthly probability of stepping up: zero unless the step pays (return > 0), then
/// rising with the return, tanh(sensitivity x return / 2), towards `rate`; slowed by
/// registration delay. A step that does not pay is never taken by choice.
[[nodiscard]] inline double step_probability(double ret, double rate, double sensitivity,
                                             double delay_months) noexcept {
  const double pull = ret > 0 ? std::tanh(sensitivity * ret / 2.0) : 0.0;
  return rate * pull / (1.0 + delay_months / 6.0);
}

/// The most step_probability can be for any return: a uniform draw at or above it
/// fails, so the return need not be worked out. (rate * pull <= rate exactly in
/// floating point, since pull <= 1, and the division is the same.)
[[nodiscard]] constexpr double step_probability_ceiling(double rate, double delay_months) noexcept {
  return rate / (1.0 + delay_months / 6.0);
}

/// How integration cost scales with size: (employees / 10)^elasticity, 1 for a
/// 10-employee firm. Constant per firm, so computed once.
[[nodiscard]] inline double cost_scale(double employees, double size_elasticity) noexcept {
  return std::pow(employees / 10.0, size_elasticity);
}

/// One-time cost of the next stage (kCNY): the base cost for a 10-employee firm,
/// scaled by size and made dearer by the digitization gap.
[[nodiscard]] constexpr double integration_cost(double base, double scale, double digitization,
                                                double gap_cost) noexcept {
  return base * scale * (1.0 + gap_cost * (1.0 - digitization));
}

}  // namespace aiplus::agents
