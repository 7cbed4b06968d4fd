// Checking the finance archive: every filed paper and trail against its
// record in filed_documents and against its month's manifest, and nothing
// in the archive that neither names.
#pragma once

#include <string>

#include "archive/document_check.h"
#include "store/database.h"

namespace danju {

// Paths in the result are relative to the output folder. A database made
// before filing existed (no filed_documents table) checks clean.
DocumentCheck check_archive(Database& db, const std::string& output_folder);

}  // namespace danju
