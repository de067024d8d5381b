// Compiled against one library by tests/CMakeLists.txt: reaches the model's headers or not.
#include "agents/firms.hpp"
