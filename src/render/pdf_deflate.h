// Compressed PDF streams, deflated here (with libdeflate) rather than by
// PoDoFo so that the compression level is ours to choose, and so that bytes
// deflated once can be put into many documents.
#pragma once

#include <string>
#include <string_view>

namespace PoDoFo {
class PdfObject;
}

namespace danju {

// How hard to compress: fast for what each document makes anew, smallest
// for what is made once per run and copied into many documents.
enum class Deflate { fast, smallest };

// data in zlib format, as a /FlateDecode stream holds it. Throws
// std::runtime_error when out of memory.
std::string deflate_bytes(std::string_view data,
                          Deflate effort = Deflate::fast);

// Makes packed (from deflate_bytes) the content of object's stream and marks
// it /FlateDecode.
void set_deflated_bytes(PoDoFo::PdfObject& object, std::string_view packed);

// Both at once: data deflated into object's stream.
void set_deflated_stream(PoDoFo::PdfObject& object, std::string_view data);

}  // namespace danju
