#include "core/sha256.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace danju {

struct Sha256::Engine {
  Poco::SHA2Engine poco{Poco::SHA2Engine::SHA_256};
};

Sha256::Sha256() : engine_(std::make_unique<Engine>()) {}
Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
  engine_->poco.update(bytes.data(), static_cast<unsigned>(bytes.size()));
}

std::string Sha256::hex_digest() {
  return Poco::DigestEngine::digestToHex(engine_->poco.digest());
}

}  // namespace danju
