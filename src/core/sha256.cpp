#include "core/sha256.h"

#include <openssl/evp.h>

#include <new>

namespace danju {

// OpenSSL's SHA-256 uses the processor's SHA instructions where it has
// them: several times the speed of a portable implementation, which
// matters to verify, re-hashing every file on record.
struct Sha256::Engine {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  ~Engine() { EVP_MD_CTX_free(context); }
};

Sha256::Sha256() : engine_(std::make_unique<Engine>()) {
  if (engine_->context == nullptr ||
      EVP_DigestInit_ex(engine_->context, EVP_sha256(), nullptr) != 1) {
    throw std::bad_alloc();
  }
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
  EVP_DigestUpdate(engine_->context, bytes.data(), bytes.size());
}

std::string Sha256::hex_digest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(engine_->context, digest, &size);
  static const char kHex[] = "0123456789abcdef";
  std::string hex(2 * size, '0');
  for (unsigned int i = 0; i < size; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0x0F];
  }
  return hex;
}

}  // namespace danju
