// Compiled against one library by tests/CMakeLists.txt: reaches the files' headers or not.
#include "core/io/hdf5_sink.hpp"
