// The one header every test includes: doctest, plus helpers shared across modules.
#pragma once

#include <doctest/doctest.h>

#include "core/parallel.hpp"

namespace aiplus::test {

/// Runs f with exactly `threads` worker threads.
using core::with_threads;

}  // namespace aiplus::test
