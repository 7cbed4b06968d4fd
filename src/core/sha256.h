// Incremental SHA-256, the hash Danju records for every document and mail.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace danju {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  // Lower-case hex of the digest; the object must not be updated after.
  std::string hex_digest();

 private:
  struct Engine;
  std::unique_ptr<Engine> engine_;
};

}  // namespace danju
