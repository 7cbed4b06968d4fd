// Compressed PDF streams, deflated here rather than by PoDoFo so that the
// compression level is ours to choose.
#pragma once

#include <string_view>

namespace PoDoFo {
class PdfObject;
}

namespace danju {

// Makes data the content of object's stream, deflated, and marks it
// /FlateDecode. Throws std::runtime_error if zlib fails (out of memory).
void set_deflated_stream(PoDoFo::PdfObject& object, std::string_view data);

}  // namespace danju
