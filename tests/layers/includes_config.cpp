// Compiled against one library by tests/CMakeLists.txt: reaches the config headers or not.
#include "core/config/config.hpp"
