// File names as MIME parameters that old and new mail readers both decode.
#pragma once

#include <string>
#include <string_view>

#include "mail/header_folder.h"

namespace danju {

// The caller ends the piece before each parameter with ";".
//
// Adds "name=..." for a Content-Type field: a quoted string when the
// name is plain ASCII, else encoded-words inside the quotes, the form older
// clients read.
void add_name_parameter(HeaderFolder& field, std::string_view file_name);

// Adds "filename..." for a Content-Disposition field: a quoted string
// when the name is plain ASCII, else the RFC 2231 form
// filename*=UTF-8''<percent-encoded>, split into numbered continuations
// (filename*0*=, filename*1*=, ...) when it would not fit on a line.
//
// No plain filename= goes beside filename*=: Python's compat32 reader, and
// clients like it, would take that one and show the undecoded form.
void add_filename_parameter(HeaderFolder& field, std::string_view file_name);

// RFC 2231 percent-encoding of UTF-8 bytes: letters, digits and "-._~"
// stay, every other byte becomes %XX.
std::string percent_encode(std::string_view bytes);

}  // namespace danju
