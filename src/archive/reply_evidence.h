// The raw replies an intake decided by, kept as evidence: appended, a batch
// at a time, to one mailbox file a month under the job's data folder,
//
//   <data>/replies/<YYYY-MM>.mbox
//
// in the "mboxrd" form mail programs open (mutt, Thunderbird, Python's
// mailbox module): each message after a "From " line, every body line that
// starts with "From " (after any '>') given one more '>', and a blank line
// after it. The quoting is undone exactly on reading, so a message read
// back has the bytes, and so the SHA-256, it arrived with. Each message's
// place (file, offset, length) is recorded with the decision it carries.
//
// One file a month rather than one file a message: a reply then costs an
// append, and a batch of them one flush to disk, instead of a new file
// and a flush each.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "archive/document_check.h"
#include "store/database.h"

namespace danju {

// Where one kept message is: the mailbox file, and the byte range of its
// block (the "From " line to the blank line after it).
struct EvidenceSpot {
  std::string path;
  std::int64_t offset = 0;
  std::int64_t length = 0;
};

// Appends the messages, in order, to folder/<name>.mbox (name is the
// month, YYYY-MM, or YYYY-MM-<n> beside a damaged file; folder is
// created), and flushes them to disk before returning their spots. A
// block cut short by a process killed while appending stays where it is,
// recorded nowhere; the next append starts after it on a line of its own.
// One writer at a time: the caller holds the intake lock. Throws
// FileError.
std::vector<EvidenceSpot> keep_reply_evidence(
    const std::string& folder, const std::string& name,
    const std::vector<std::string>& raw);

// The message kept at spot, with its quoting undone. Throws FileError when
// the file cannot be read or the range is not a block keep_reply_evidence
// wrote.
std::string read_reply_evidence(const EvidenceSpot& spot);

// Every reply the mailbox_messages table records, read back from where it
// was kept (a month's mailbox file, or a file of its own, as earlier
// versions kept them) and hashed again: `recorded` counts the replies,
// `intact` those whose SHA-256 matches; a missing file is listed as
// missing, anything else unreadable or different as changed (paths and
// message ids as recorded). Throws DatabaseError.
DocumentCheck check_reply_evidence(Database& db);

}  // namespace danju
