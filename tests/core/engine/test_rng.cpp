#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <vector>

#include "core/engine/rng.hpp"
#include "test.h"

using aiplus::core::RandomStreams;

namespace {

// Pearson correlation of two equally long samples.
double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  double ma = 0, mb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) ma += a[i], mb += b[i];
  ma /= a.size(), mb /= b.size();
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb), saa += (a[i] - ma) * (a[i] - ma),
        sbb += (b[i] - mb) * (b[i] - mb);
  }
  return sab / std::sqrt(saa * sbb);
}

constexpr std::size_t kSamples = 200'000;
const double kCorrelationBound = 5.0 / std::sqrt(static_cast<double>(kSamples));  // five sigma

}  // namespace

TEST_CASE("the same key gives the same numbers") {
  const RandomStreams a(42), b(42);
  for (std::uint32_t firm = 0; firm < 1000; ++firm) {
    CHECK(a.uniform(firm, 7, 3) == b.uniform(firm, 7, 3));
    CHECK(a.bits(firm, 7, 3, 5) == b.bits(firm, 7, 3, 5));
  }
  auto s1 = a.stream(9, 2, 1), s2 = b.stream(9, 2, 1);
  for (int k = 0; k < 100; ++k) CHECK(s1() == s2());
}

TEST_CASE("a different seed gives different numbers") {
  const RandomStreams a(1), b(2);
  int equal = 0;
  for (std::uint32_t firm = 0; firm < 1000; ++firm)
    equal += a.uniform(firm, 0, 0) == b.uniform(firm, 0, 0);
  CHECK(equal == 0);
  CHECK(a.seed() == 1);
  CHECK(RandomStreams(0xDEADBEEFCAFEULL).seed() == 0xDEADBEEFCAFEULL);
}

TEST_CASE("uniforms are uniform on (0, 1]") {
  const RandomStreams streams(7);
  constexpr int kBins = 100;
  std::vector<double> counts(kBins, 0);
  for (std::uint32_t i = 0; i < kSamples; ++i) {
    const double u = streams.uniform(i, 3, 1);
    REQUIRE(u > 0.0);
    REQUIRE(u <= 1.0);
    counts[std::min(kBins - 1, static_cast<int>(u * kBins))] += 1;
  }
  double chi2 = 0;
  const double expected = static_cast<double>(kSamples) / kBins;
  for (double c : counts) chi2 += (c - expected) * (c - expected) / expected;
  // 99 degrees of freedom: mean 99, sd 14; 99 + 5 sd is far beyond chance.
  CHECK(chi2 < 99 + 5 * 14);
}

TEST_CASE("streams of neighbouring firms, steps and purposes are uncorrelated") {
  const RandomStreams streams(11);
  std::vector<double> base(kSamples), firm(kSamples), step(kSamples), purpose(kSamples),
      lagged(kSamples);
  for (std::uint32_t i = 0; i < kSamples; ++i) {
    base[i] = streams.uniform(2 * i, 5, 3);
    firm[i] = streams.uniform(2 * i + 1, 5, 3);
    step[i] = streams.uniform(2 * i, 6, 3);
    purpose[i] = streams.uniform(2 * i, 5, 4);
  }
  CHECK(std::abs(correlation(base, firm)) < kCorrelationBound);
  CHECK(std::abs(correlation(base, step)) < kCorrelationBound);
  CHECK(std::abs(correlation(base, purpose)) < kCorrelationBound);
  // And the successive numbers within one stream.
  auto stream = streams.stream(1, 2, 3);
  for (std::size_t i = 0; i < kSamples; ++i) base[i] = stream() / 4294967296.0;
  for (std::size_t i = 0; i < kSamples; ++i) lagged[i] = base[(i + 1) % kSamples];
  CHECK(std::abs(correlation(base, lagged)) < kCorrelationBound);
}

TEST_CASE("Boost.Random distributions draw from a stream") {
  const RandomStreams streams(3);
  auto stream = streams.stream(0, 0, 9);
  boost::random::normal_distribution<double> normal(2.0, 3.0);
  boost::random::uniform_int_distribution<std::uint32_t> dice(1, 6);
  double sum = 0, sum2 = 0;
  int sixes = 0;
  constexpr int n = 100'000;
  for (int k = 0; k < n; ++k) {
    const double x = normal(stream);
    sum += x, sum2 += x * x;
    const auto d = dice(stream);
    REQUIRE(d >= 1);
    REQUIRE(d <= 6);
    sixes += d == 6;
  }
  const double mean = sum / n, sd = std::sqrt(sum2 / n - mean * mean);
  CHECK(std::abs(mean - 2.0) < 5 * 3.0 / std::sqrt(n));
  CHECK(std::abs(sd - 3.0) < 0.05);
  CHECK(std::abs(sixes / double(n) - 1.0 / 6) < 5 * std::sqrt(1.0 / 6 * 5.0 / 6 / n));
}
