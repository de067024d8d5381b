// Compiled against one library by tests/CMakeLists.txt: reaches the studies' headers or not.
#include "core/study/statistics.hpp"
