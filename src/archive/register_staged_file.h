// A file that a library writes by name (libxlsxwriter, a zip stream) and
// that must still appear atomically: it is written under a temporary name
// beside its final path, flushed to disk, then renamed over the final path.
// Readers see the old file or the whole new one, never a part.
#pragma once

#include <string>

namespace danju {

class StagedFile {
 public:
  // Makes the final path's folder (and parents) if needed. Throws
  // FileError when it cannot.
  explicit StagedFile(const std::string& final_path);
  // Removes the temporary file unless publish() succeeded.
  ~StagedFile();
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;

  // Where to write: "<final path>.tmp-<pid>".
  const std::string& temp_path() const { return temp_path_; }
  const std::string& final_path() const { return final_path_; }

  // Flushes the written temporary file to disk and renames it over the
  // final path, then flushes the folder. Throws FileError naming the path
  // and the OS reason; the temporary file is then removed.
  void publish();

 private:
  std::string final_path_;
  std::string temp_path_;
  bool published_ = false;
};

}  // namespace danju
